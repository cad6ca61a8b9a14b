import pg from "pg";

const connectionString = process.argv[2] || process.env.DATABASE_URL;
if (!connectionString) {
  console.error("Usage: mcp-pg-readonly <postgres://...>  (or set DATABASE_URL)");
  process.exit(1);
}

export const pool = new pg.Pool({ connectionString, max: 4, idleTimeoutMillis: 30_000 });

export async function readOnly(sql, params = []) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN TRANSACTION READ ONLY");
    const res = await client.query(sql, params);
    return res;
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}
