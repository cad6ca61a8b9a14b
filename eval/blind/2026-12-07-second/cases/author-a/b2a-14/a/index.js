#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const deepl = require("./lib/deepl");
const cache = require("./lib/cache");

const server = new McpServer({ name: "translate-glossary", version: "0.3.5" });

server.tool(
  "translate",
  "Translate text with DeepL, optionally applying a glossary. Results are cached locally for a week.",
  {
    text: z.string().min(1).max(50000),
    target_lang: z.string().min(2).max(5).describe("e.g. DE, FR, JA, EN-GB"),
    source_lang: z.string().min(2).max(5).optional(),
    glossary_id: z.string().optional(),
  },
  async ({ text, target_lang, source_lang, glossary_id }) => {
    const key = cache.keyFor(text, source_lang, target_lang, glossary_id);
    const hit = cache.get(key);
    if (hit) return { content: [{ type: "text", text: hit }] };
    try {
      const t = await deepl.translate(text, target_lang.toUpperCase(), source_lang && source_lang.toUpperCase(), glossary_id);
      cache.put(key, t.text);
      return { content: [{ type: "text", text: t.text }] };
    } catch (err) {
      return { content: [{ type: "text", text: err.message }], isError: true };
    }
  }
);

server.tool("list_glossaries", "List DeepL glossaries available to this API key.", {}, async () => {
  try {
    const list = await deepl.listGlossaries();
    const text = list.map((g) => `${g.glossary_id}  ${g.name}  ${g.source_lang}->${g.target_lang}  (${g.entry_count} entries)`).join("\n");
    return { content: [{ type: "text", text: text || "No glossaries." }] };
  } catch (err) {
    return { content: [{ type: "text", text: err.message }], isError: true };
  }
});

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
