import { z } from "zod";
import * as db from "./db.js";

const text = (t) => ({ content: [{ type: "text", text: t }] });

export const TOOLS = new Map([
  [
    "snippet_save",
    {
      description: "Save a code snippet with a title, language and optional tags.",
      schema: { title: z.string(), language: z.string(), code: z.string(), tags: z.array(z.string()).optional() },
      handler: async (a) => {
        const s = db.save(a);
        return text(`Saved snippet ${s.id}`);
      },
    },
  ],
  [
    "snippet_search",
    {
      description: "Search saved snippets by text, tag or language.",
      schema: { query: z.string().optional(), tag: z.string().optional(), language: z.string().optional() },
      handler: async ({ query, tag, language }) => {
        const hits = db.search(query, tag, language);
        return text(hits.map((s) => `${s.id}  [${s.language}] ${s.title}  ${s.tags.map((t) => "#" + t).join(" ")}`).join("\n") || "Nothing found.");
      },
    },
  ],
  [
    "snippet_get",
    {
      description: "Get the full code of a snippet.",
      schema: { id: z.string() },
      handler: async ({ id }) => {
        const s = db.get(id);
        return s ? text("```" + s.language + "\n" + s.code + "\n```") : text(`No snippet ${id}`);
      },
    },
  ],
  [
    "snippet_delete",
    {
      description: "Delete a snippet.",
      schema: { id: z.string() },
      handler: async ({ id }) => text(db.remove(id) ? `Deleted ${id}` : `No snippet ${id}`),
    },
  ],
]);
