import { randomBytes } from "node:crypto";
import { Client } from "pg";

// The PostgreSQL server the tests may create databases on. docs/testing.md says how to point it
// elsewhere; the tests never touch an existing database's data.
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach the test PostgreSQL server at ${ADMIN_URL} (${(error as Error).message}). ` +
        "Start one, or set TEST_POSTGRES_URL to a server where the tests may create and drop databases.",
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

// A new database with a random name, dropped again by `drop()`.
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `wisp_test_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
