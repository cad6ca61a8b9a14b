#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { messages, fmt, htmlToText } from "./format.js";

const KEY = process.env.SEARCHLITE_API_KEY;
const M = messages(process.env.SEARCHLITE_LOCALE || Intl.DateTimeFormat().resolvedOptions().locale);
const PAGE = 8000;

const server = new McpServer({ name: "websearch-lite", version: "0.8.5" });

server.tool(
  "web_search",
  "Search the web. Returns titles, URLs and snippets.",
  {
    query: z.string().min(1),
    count: z.number().int().min(1).max(20).default(8),
    freshness: z.enum(["any", "day", "week", "month"]).default("any"),
  },
  async ({ query, count, freshness }) => {
    if (!KEY) throw new Error("SEARCHLITE_API_KEY is not set");
    const u = new URL("https://api.searchlite.dev/v1/search");
    u.searchParams.set("q", query);
    u.searchParams.set("count", String(count));
    if (freshness !== "any") u.searchParams.set("freshness", freshness);
    const r = await fetch(u, { headers: { "x-api-key": KEY } });
    if (!r.ok) throw new Error(`SearchLite ${r.status}`);
    const { results = [] } = await r.json();
    if (!results.length) return { content: [{ type: "text", text: fmt(M.noResults, { query }) }] };
    const body = results.map((x, i) => `${i + 1}. ${x.title}\n   ${x.url}\n   ${x.snippet}`).join("\n\n");
    return {
      content: [{ type: "text", text: `${fmt(M.resultsHeader, { count: results.length, query })}\n\n${body}${M.footer}` }],
    };
  }
);

server.tool(
  "fetch_page",
  "Fetch a web page and return its readable text.",
  { url: z.string().url(), offset: z.number().int().min(0).default(0) },
  async ({ url, offset }) => {
    const r = await fetch(url, { headers: { "user-agent": "Mozilla/5.0 (compatible; websearch-lite)" }, redirect: "follow" });
    if (!r.ok) throw new Error(`HTTP ${r.status} for ${url}`);
    const ct = r.headers.get("content-type") || "";
    const raw = await r.text();
    const text = ct.includes("html") ? htmlToText(raw) : raw;
    const chunk = text.slice(offset, offset + PAGE);
    const more = offset + PAGE < text.length ? `\n\n${fmt(M.truncated, { next: offset + PAGE })}` : "";
    return { content: [{ type: "text", text: `${fmt(M.fetchHeader, { url, chars: text.length })}\n\n${chunk}${more}` }] };
  }
);

await server.connect(new StdioServerTransport());
