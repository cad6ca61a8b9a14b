#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { mkdir, writeFile, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, extname } from "node:path";
import { getClient } from "./openai.js";
const OUT_DIR = process.env.DALLE_STUDIO_OUT ?? join(homedir(), "Pictures", "dalle-studio");
const server = new McpServer({ name: "dalle-studio", version: "1.3.0" });
function slug(s) {
    return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 48) || "image";
}
server.registerTool("generate_image", {
    title: "Generate image",
    description: "Generate an image from a text prompt and save it as PNG. Returns the file path and a preview.",
    inputSchema: {
        prompt: z.string().min(3).max(4000),
        model: z.enum(["gpt-image-1", "dall-e-3"]).default("gpt-image-1"),
        size: z.enum(["1024x1024", "1024x1536", "1536x1024"]).default("1024x1024"),
        quality: z.enum(["low", "medium", "high"]).optional(),
    },
}, async ({ prompt, model, size, quality }) => {
    const res = await getClient().images.generate({
        model,
        prompt,
        size,
        n: 1,
        quality: model === "gpt-image-1" ? quality : undefined,
        response_format: model === "dall-e-3" ? "b64_json" : undefined,
    });
    const b64 = res.data?.[0]?.b64_json;
    if (!b64)
        return { content: [{ type: "text", text: "The API returned no image." }], isError: true };
    await mkdir(OUT_DIR, { recursive: true });
    const file = join(OUT_DIR, `${Date.now()}-${slug(prompt)}.png`);
    await writeFile(file, Buffer.from(b64, "base64"));
    return {
        content: [
            { type: "text", text: `Saved to ${file}` },
            { type: "image", data: b64, mimeType: "image/png" },
        ],
    };
});
server.registerTool("describe_image", {
    title: "Describe image",
    description: "Describe a local image file (png, jpg, webp) using a vision model.",
    inputSchema: { path: z.string(), question: z.string().optional() },
}, async ({ path, question }) => {
    const ext = extname(path).slice(1).toLowerCase().replace("jpg", "jpeg");
    const data = (await readFile(path)).toString("base64");
    const res = await getClient().chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{
                role: "user",
                content: [
                    { type: "text", text: question ?? "Describe this image in detail." },
                    { type: "image_url", image_url: { url: `data:image/${ext};base64,${data}` } },
                ],
            }],
    });
    return { content: [{ type: "text", text: res.choices[0]?.message?.content ?? "(no answer)" }] };
});
await server.connect(new StdioServerTransport());
