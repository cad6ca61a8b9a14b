import { readOnly } from "../db.js";

export const listTables = {
  name: "list_tables",
  description: "List tables and views.",
  inputSchema: {
    type: "object",
    properties: { schema: { type: "string", default: "public" } },
  },
  async handler({ schema = "public" }) {
    const res = await readOnly(
      `SELECT table_name, table_type
         FROM information_schema.tables
        WHERE table_schema = $1
        ORDER BY table_name`,
      [schema]
    );
    return res.rows;
  },
};

export const describeTable = {
  name: "describe_table",
  description: "Show the columns of a table.",
  inputSchema: {
    type: "object",
    properties: { table: { type: "string" }, schema: { type: "string", default: "public" } },
    required: ["table"],
  },
  async handler({ table, schema = "public" }) {
    const res = await readOnly(
      `SELECT column_name, data_type, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = $2
        ORDER BY ordinal_position`,
      [schema, table]
    );
    if (res.rowCount === 0) throw new Error(`No table ${schema}.${table}`);
    return res.rows;
  },
};
