import { readOnly } from "../db.js";

export default {
  name: "explain_query",
  description:
    "Show PostgreSQL's query plan for a SELECT without running it (EXPLAIN, no ANALYZE). " +
    "Use this when a query is slow or times out, to check whether indexes are used before rewriting it.",
  inputSchema: {
    type: "object",
    properties: { sql: { type: "string" } },
    required: ["sql"],
  },
  async handler({ sql }) {
    const trimmed = sql.trim().replace(/;\s*$/, "");
    if (/;/.test(trimmed)) throw new Error("Only a single statement can be explained");
    const res = await readOnly(`EXPLAIN (FORMAT TEXT, COSTS TRUE) ${trimmed}`);
    return res.rows.map((r) => r["QUERY PLAN"]).join("\n");
  },
};
