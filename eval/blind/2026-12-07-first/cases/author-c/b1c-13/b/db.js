import pg from "pg";

const connectionString = process.argv[2] || process.env.DATABASE_URL;
if (!connectionString) {
  console.error("Usage: mcp-pg-readonly <postgres://...>  (or set DATABASE_URL)");
  process.exit(1);
}

export const MAX_ROWS = Number(process.env.PG_MCP_MAX_ROWS || 500);
const STATEMENT_TIMEOUT_MS = Number(process.env.PG_MCP_STATEMENT_TIMEOUT_MS || 15_000);

export const pool = new pg.Pool({
  connectionString,
  max: 4,
  idleTimeoutMillis: 30_000,
  application_name: "mcp-pg-readonly",
});

export async function readOnly(sql, params = []) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN TRANSACTION READ ONLY");
    await client.query(`SET LOCAL statement_timeout = ${Math.floor(STATEMENT_TIMEOUT_MS)}`);
    const res = await client.query(sql, params);
    return res;
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}
