import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, newAccount } from "../helpers/account";
import { ADMIN_URL } from "../helpers/postgres";
import { startServer, type RunningServer } from "../helpers/server";

// Production on PostgreSQL with two roles: one owns the tables and applies the migrations
// (DATABASE_MIGRATION_URL), the app runs as the other (DATABASE_URL). The app works, and
// its own role can't rewrite or erase the audit trail by any of the routes an owner has.
const suffix = randomBytes(4).toString("hex");
const database = `wisp_roles_${suffix}`;
const owner = { name: `wisp_owner_${suffix}`, password: randomBytes(12).toString("hex") };
const runtime = { name: `wisp_app_${suffix}`, password: randomBytes(12).toString("hex") };
let server: RunningServer;

function urlFor(role: { name: string; password: string }): string {
  const url = new URL(ADMIN_URL);
  url.username = role.name;
  url.password = role.password;
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function as<T>(role: { name: string; password: string }, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlFor(role) });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`CREATE ROLE ${owner.name} LOGIN PASSWORD '${owner.password}'`);
  await admin(`CREATE ROLE ${runtime.name} LOGIN PASSWORD '${runtime.password}'`);
  await admin(`CREATE DATABASE ${database} OWNER ${owner.name}`);
  // PostgreSQL 15 and later: nobody but the owner creates in the public schema.
  await as(owner, (client) => client.query("REVOKE CREATE ON SCHEMA public FROM PUBLIC"));
  server = await startServer(3346, { DATABASE_URL: urlFor(runtime), DATABASE_MIGRATION_URL: urlFor(owner) });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  await admin(`DROP ROLE IF EXISTS ${runtime.name}`).catch(() => {});
  await admin(`DROP ROLE IF EXISTS ${owner.name}`).catch(() => {});
}, 60_000);

describe("a migration role apart from the app's", () => {
  it("runs the portal as the app's role, and that role can't erase or rewrite the audit trail", async () => {
    const account = await newAccount(server.url, "Two Roles Ltd");
    const log = await expectJson<{ items: { action: string }[] }>(await account.owner("/api/v1/audit-log"), 200);
    expect(log.items.length).toBeGreaterThan(0);
    const tables = await as(runtime, (client) =>
      client.query<{ owner: string }>("SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'audit_events'"),
    );
    expect(tables.rows[0].owner).toBe(owner.name);

    // Every account's events: with the bypass of row-level security (docs/security.md).
    const countRows = () =>
      as(runtime, async (client) => {
        await client.query("BEGIN");
        await client.query("SELECT set_config('app.rls_bypass', 'on', true)");
        const result = await client.query<{ n: string }>("SELECT count(*) AS n FROM audit_events");
        await client.query("COMMIT");
        return Number(result.rows[0].n);
      });
    const before = await countRows();
    expect(before).toBeGreaterThan(0);
    const refusals: Record<string, string> = {};
    for (const sql of [
      "DELETE FROM audit_events",
      "UPDATE audit_events SET action = 'nothing'",
      "TRUNCATE audit_events",
      "ALTER TABLE audit_events DISABLE TRIGGER ALL",
      "DROP TABLE audit_events",
      "ALTER TABLE audit_events OWNER TO CURRENT_USER",
    ]) {
      refusals[sql] = await as(runtime, (client) =>
        client.query(sql).then(
          () => "done",
          (error: Error) => error.message,
        ),
      );
    }
    for (const [sql, outcome] of Object.entries(refusals)) {
      expect(outcome, sql).toMatch(/permission denied|must be owner|must be able to SET ROLE/);
    }
    expect(await countRows()).toBe(before);
    // The owner could: the refusals above are the roles' doing, not the table's.
    const owned = await as(owner, (client) =>
      client.query("ALTER TABLE audit_events DISABLE TRIGGER ALL").then(
        () => "done",
        (error: Error) => error.message,
      ),
    );
    expect(owned).toBe("done");
  });

  it("shows the app's role no row of any tenant table without the account setting", async () => {
    const account = await newAccount(server.url, "Row Security Ltd");
    await expectJson(
      await account.owner("/api/v1/networks", { method: "POST", json: { name: "Lab", ssid: "Lab" } }),
      201,
    );
    const adminUrl = new URL(ADMIN_URL);
    adminUrl.pathname = `/${database}`;
    const admin = new Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ name: string }>(
        "SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relrowsecurity AND relforcerowsecurity ORDER BY 1",
      );
      expect(rows.map((row) => row.name)).toEqual(
        expect.arrayContaining(["accounts", "members", "api_keys", "api_key_secrets", "audit_events", "networks"]),
      );
      for (const { name } of rows) {
        const sql = `SELECT count(*)::int AS n FROM "${name}"`;
        const seen = await as(runtime, (client) => client.query<{ n: number }>(sql));
        expect(seen.rows[0].n, name).toBe(0);
      }
      // The app's own rows are there, as the administrator sees them.
      for (const name of ["accounts", "members", "api_keys", "api_key_secrets", "audit_events", "networks"]) {
        const all = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
        expect(all.rows[0].n, name).toBeGreaterThan(0);
      }
    } finally {
      await admin.end();
    }
  });
});
