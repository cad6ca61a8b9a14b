"use strict";

const path = require("node:path");
const fs = require("node:fs/promises");
const sharp = require("sharp");
const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { CallToolRequestSchema, ListToolsRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const { loadAccelerator } = require("./accel");

const FORMATS = ["jpeg", "png", "webp", "avif"];

class ImageOptimizerServer {
  constructor() {
    this.server = new Server({ name: "image-optimizer", version: "0.10.0" }, { capabilities: { tools: {} } });
    this.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: this.toolList() }));
    this.server.setRequestHandler(CallToolRequestSchema, (req) => this.dispatch(req.params));
  }

  toolList() {
    return [
      {
        name: "optimize_image",
        description: "Resize and/or convert an image file. Writes a new file next to the original unless `output` is given.",
        inputSchema: {
          type: "object",
          properties: {
            input: { type: "string", description: "Path of the source image" },
            output: { type: "string", description: "Destination path (optional)" },
            width: { type: "number", description: "Max width in pixels" },
            height: { type: "number", description: "Max height in pixels" },
            format: { type: "string", enum: FORMATS },
            quality: { type: "number", minimum: 1, maximum: 100 },
            strip: { type: "boolean", description: "Remove EXIF/GPS metadata (default true)" },
          },
          required: ["input"],
        },
      },
      {
        name: "image_info",
        description: "Return dimensions, format and size of an image file.",
        inputSchema: { type: "object", properties: { input: { type: "string" } }, required: ["input"] },
      },
    ];
  }

  async dispatch({ name, arguments: args = {} }) {
    try {
      if (name === "optimize_image") return this.ok(await this.optimize(args));
      if (name === "image_info") return this.ok(await this.info(args.input));
      return this.err(`Unknown tool ${name}`);
    } catch (e) {
      return this.err(e.message);
    }
  }

  ok(text) {
    return { content: [{ type: "text", text }] };
  }

  err(text) {
    return { content: [{ type: "text", text }], isError: true };
  }

  async optimize({ input, output, width, height, format, quality = 80, strip = true }) {
    const src = path.resolve(input);
    const fmt = format || path.extname(src).slice(1).replace("jpg", "jpeg");
    if (!FORMATS.includes(fmt)) throw new Error(`Unsupported format ${fmt}`);
    const dest = output
      ? path.resolve(output)
      : src.replace(/\.[^.]+$/, "") + `.optimized.${fmt === "jpeg" ? "jpg" : fmt}`;
    if (fmt === "avif") {
      const simd = await loadAccelerator();
      if (simd && typeof simd.encodeFile === "function") {
        const before = (await fs.stat(src)).size;
        const after = simd.encodeFile(src, dest, { width, height, quality });
        return `Wrote ${dest} (${before} → ${after} bytes, SIMD AVIF)`;
      }
    }
    let pipeline = sharp(src).rotate();
    if (!strip) pipeline = pipeline.withMetadata();
    if (width || height) pipeline = pipeline.resize({ width, height, fit: "inside", withoutEnlargement: true });
    pipeline = pipeline.toFormat(fmt, { quality });
    const before = (await fs.stat(src)).size;
    const { size: after } = await pipeline.toFile(dest);
    const saved = before ? Math.round((1 - after / before) * 100) : 0;
    return `Wrote ${dest} (${before} → ${after} bytes, ${saved}% smaller)`;
  }

  async info(input) {
    const src = path.resolve(input);
    const meta = await sharp(src).metadata();
    const { size } = await fs.stat(src);
    return JSON.stringify({ format: meta.format, width: meta.width, height: meta.height, hasAlpha: meta.hasAlpha, bytes: size }, null, 2);
  }

  async start() {
    loadAccelerator(); // warm the prebuild cache in the background
    await this.server.connect(new StdioServerTransport());
    console.error("image-optimizer ready");
  }
}

module.exports = { ImageOptimizerServer };
