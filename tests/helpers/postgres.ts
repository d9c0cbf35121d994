import { randomBytes } from "node:crypto";
import { Client } from "pg";

// The PostgreSQL server the tests may create databases on. docs/testing.md says how to point it
// elsewhere; the tests never touch an existing database's data.
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// `url` is the administrator's (a superuser: row-level security doesn't apply to it), for the
// tests' own reads; `serverEnv` runs a server as in production, as a runtime role that owns
// nothing and is subject to row-level security, with a migration role that owns the tables.
export type TestDatabase = {
  url: string;
  name: string;
  serverEnv: { DATABASE_URL: string; DATABASE_MIGRATION_URL: string };
  drop: () => Promise<void>;
};

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

// A new database with a random name and its two roles, dropped again by `drop()`.
export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString("hex");
  const name = `wisp_test_${suffix}`;
  const roles = { owner: `wisp_test_owner_${suffix}`, runtime: `wisp_test_app_${suffix}` };
  const password = randomBytes(12).toString("hex");
  await admin(async (client) => {
    await client.query(`CREATE ROLE ${roles.owner} LOGIN PASSWORD '${password}'`);
    await client.query(`CREATE ROLE ${roles.runtime} LOGIN PASSWORD '${password}'`);
    await client.query(`CREATE DATABASE ${name} OWNER ${roles.owner}`);
  });
  const urlAs = (role?: string) => {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    if (role) {
      url.username = role;
      url.password = password;
    }
    return url.toString();
  };
  return {
    name,
    url: urlAs(),
    serverEnv: { DATABASE_URL: urlAs(roles.runtime), DATABASE_MIGRATION_URL: urlAs(roles.owner) },
    drop: () =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.query(`DROP ROLE IF EXISTS ${roles.runtime}`);
        await client.query(`DROP ROLE IF EXISTS ${roles.owner}`);
      }).then(() => undefined),
  };
}
