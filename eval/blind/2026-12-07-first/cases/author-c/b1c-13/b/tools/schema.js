import { readOnly } from "../db.js";

export const listTables = {
  name: "list_tables",
  description:
    "List tables and views in a schema with their approximate row counts. " +
    "Call this first when you do not yet know which tables exist.",
  inputSchema: {
    type: "object",
    properties: { schema: { type: "string", default: "public" } },
  },
  async handler({ schema = "public" }) {
    const res = await readOnly(
      `SELECT t.table_name, t.table_type, c.reltuples::bigint AS approx_rows
         FROM information_schema.tables t
         LEFT JOIN pg_catalog.pg_class c
           ON c.relname = t.table_name
          AND c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = t.table_schema)
        WHERE t.table_schema = $1
        ORDER BY t.table_name`,
      [schema]
    );
    return res.rows;
  },
};

export const describeTable = {
  name: "describe_table",
  description:
    "Show the columns, types, primary key and foreign keys of a table. " +
    "Use the foreign keys to write correct JOINs instead of guessing relationships from column names.",
  inputSchema: {
    type: "object",
    properties: { table: { type: "string" }, schema: { type: "string", default: "public" } },
    required: ["table"],
  },
  async handler({ table, schema = "public" }) {
    const cols = await readOnly(
      `SELECT column_name, data_type, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = $2
        ORDER BY ordinal_position`,
      [schema, table]
    );
    if (cols.rowCount === 0) throw new Error(`No table ${schema}.${table}. Call list_tables to see what exists.`);
    const keys = await readOnly(
      `SELECT tc.constraint_type, kcu.column_name, ccu.table_name AS ref_table, ccu.column_name AS ref_column
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu
           ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema
         LEFT JOIN information_schema.constraint_column_usage ccu
           ON tc.constraint_type = 'FOREIGN KEY' AND tc.constraint_name = ccu.constraint_name
        WHERE tc.table_schema = $1 AND tc.table_name = $2
          AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')`,
      [schema, table]
    );
    return {
      columns: cols.rows,
      primary_key: keys.rows.filter((k) => k.constraint_type === "PRIMARY KEY").map((k) => k.column_name),
      foreign_keys: keys.rows
        .filter((k) => k.constraint_type === "FOREIGN KEY")
        .map((k) => ({ column: k.column_name, references: `${k.ref_table}.${k.ref_column}` })),
    };
  },
};
