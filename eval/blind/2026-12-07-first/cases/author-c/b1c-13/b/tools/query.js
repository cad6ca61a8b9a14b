import { readOnly, MAX_ROWS } from "../db.js";

export default {
  name: "query",
  description: [
    "Run a read-only SQL query against the connected PostgreSQL database and return the rows as JSON.",
    "",
    "How to use this tool well:",
    "- Before writing a query against a table you have not inspected yet, call list_tables and describe_table to learn the exact table and column names. Do not guess column names.",
    `- Always include a LIMIT clause. At most ${MAX_ROWS} rows are returned; extra rows are dropped and the result says so.`,
    "- Prefer aggregate queries (COUNT, SUM, GROUP BY) over fetching many rows and counting them yourself.",
    "- If a query fails, read the error message and hint, fix the query and try again; do not resend the same SQL unchanged.",
    "",
    "IMPORTANT: this server is read-only. Every query runs inside a READ ONLY transaction that is rolled back, so INSERT, UPDATE, DELETE and DDL will always fail. If the user wants to change data, show them the SQL and let them run it themselves.",
  ].join("\n"),
  inputSchema: {
    type: "object",
    properties: {
      sql: { type: "string", description: "A single SELECT / WITH / SHOW / EXPLAIN statement" },
    },
    required: ["sql"],
  },
  async handler({ sql }) {
    const res = await readOnly(sql);
    const truncated = res.rows.length > MAX_ROWS;
    return {
      rowCount: res.rowCount,
      fields: res.fields.map((f) => f.name),
      rows: truncated ? res.rows.slice(0, MAX_ROWS) : res.rows,
      ...(truncated ? { note: `Only the first ${MAX_ROWS} of ${res.rows.length} rows are shown. Add a LIMIT or aggregate.` } : {}),
    };
  },
};
