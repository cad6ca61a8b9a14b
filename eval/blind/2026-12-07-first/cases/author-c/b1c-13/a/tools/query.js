import { readOnly } from "../db.js";

export default {
  name: "query",
  description: "Run a read-only SQL query.",
  inputSchema: {
    type: "object",
    properties: { sql: { type: "string" } },
    required: ["sql"],
  },
  async handler({ sql }) {
    const res = await readOnly(sql);
    return { rowCount: res.rowCount, fields: res.fields.map((f) => f.name), rows: res.rows };
  },
};
