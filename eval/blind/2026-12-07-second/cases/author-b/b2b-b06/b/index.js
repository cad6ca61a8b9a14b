#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");

const API = "https://export.arxiv.org/api/query";

function parseFeed(xml) {
  const entries = xml.split("<entry>").slice(1);
  return entries.map((e) => {
    const pick = (tag) => {
      const m = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(e);
      return m ? m[1].replace(/\s+/g, " ").trim() : "";
    };
    const authors = [...e.matchAll(/<name>([^<]+)<\/name>/g)].map((m) => m[1]);
    const id = pick("id").replace("http://arxiv.org/abs/", "");
    const cats = [...e.matchAll(/<category term="([^"]+)"/g)].map((m) => m[1]);
    return { id, title: pick("title"), authors, published: pick("published").slice(0, 10), summary: pick("summary"), categories: cats };
  });
}

async function query(params) {
  const u = new URL(API);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v));
  const r = await fetch(u);
  if (!r.ok) throw new Error(`arXiv API ${r.status}`);
  return parseFeed(await r.text());
}

const TOOLS = [
  {
    name: "search_papers",
    description:
      "Search arXiv papers by keywords, title words or author names. Use this first when the user asks about " +
      "research on a topic; then call get_paper only for the few results that look relevant. " +
      "Tips: quote exact phrases (\"diffusion model\"), use `category` (e.g. cs.CL, stat.ML) to narrow results, " +
      "and sort by submittedDate when the user wants recent work. " +
      "IMPORTANT: always cite papers with their arXiv id and link in your answer, and do not invent papers " +
      "that did not appear in the results.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", description: "Keywords; arXiv syntax like au:hinton or ti:transformer also works" },
        category: { type: "string", description: "arXiv category such as cs.LG" },
        max_results: { type: "number", default: 10 },
        sort: { type: "string", enum: ["relevance", "submittedDate"], default: "relevance" },
      },
      required: ["query"],
    },
  },
  {
    name: "get_paper",
    description:
      "Get a paper's metadata and abstract by arXiv id (e.g. 2106.09685 or hep-th/9901001). " +
      "Only the abstract is returned, not the full text: say so if the user asks about details of the paper. " +
      "Do not call this for more than 5 papers in a row without checking with the user first, to respect arXiv's rate limits.",
    inputSchema: { type: "object", properties: { id: { type: "string", description: "arXiv id, with or without version suffix" } }, required: ["id"] },
  },
];

const server = new Server({ name: "arxiv-lite", version: "0.3.3" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
  const a = params.arguments || {};
  try {
    let res;
    if (params.name === "search_papers") {
      const q = a.category ? `all:${a.query} AND cat:${a.category}` : `all:${a.query}`;
      res = (await query({ search_query: q, max_results: Math.min(a.max_results || 10, 50), sortBy: a.sort || "relevance" }))
        .map((p) => `${p.id} (${p.published}) ${p.title} — ${p.authors.slice(0, 3).join(", ")}${p.authors.length > 3 ? " et al." : ""}`)
        .join("\n");
    } else if (params.name === "get_paper") {
      const [p] = await query({ id_list: String(a.id).replace(/^arxiv:/i, "").trim() });
      if (!p) throw new Error(`No paper ${a.id}`);
      res = `${p.title}\n${p.authors.join(", ")}\n${p.published} | ${p.categories.join(", ")}\nhttps://arxiv.org/abs/${p.id}\n\n${p.summary}`;
    } else throw new Error(`Unknown tool ${params.name}`);
    return { content: [{ type: "text", text: res || "no results" }] };
  } catch (e) {
    return { isError: true, content: [{ type: "text", text: e.message }] };
  }
});

server.connect(new StdioServerTransport());
