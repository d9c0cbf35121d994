import { PrismaPg } from "@prisma/adapter-pg";
import { Client, Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { withRowSecurity } from "@/lib/db/row-security";
import { tenantGuard, UnscopedQueryError } from "@/lib/db/tenant-guard";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { tenantRowsSql } from "../helpers/tenant-rows";

// PostgreSQL row-level security, as production runs it: migrations by the owner role, the app
// as a runtime role that owns nothing. Two accounts have a row in every tenant table; a query
// that sets no account sees none of them, whatever it is and whoever asks short of a superuser.
const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
let database: TestDatabase;
let runtimePool: Pool;
let tables: string[];

async function as<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const count = (client: Client, table: string) =>
  client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`).then((result) => result.rows[0].n);

// The clients exactly as lib/db builds them on PostgreSQL, on the runtime role.
function clients() {
  const base = new PrismaClient({ adapter: new PrismaPg(runtimePool) });
  const guarded = base.$extends(tenantGuard) as unknown as PrismaClient;
  return {
    scoped: withRowSecurity(guarded, { bypass: false, transactions: true }),
    bound: (account: string) => withRowSecurity(guarded, { bound: { account }, bypass: false, transactions: true }),
    unscoped: withRowSecurity(base, { bypass: true, transactions: true }),
    base,
  };
}
let db: ReturnType<typeof clients>;

beforeAll(async () => {
  database = await createTestDatabase();
  const { DATABASE_URL, DATABASE_MIGRATION_URL } = database.serverEnv;
  runtimePool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  await migrate({ kind: "pg", pool: runtimePool, url: DATABASE_URL }, DATABASE_MIGRATION_URL);
  await as(database.url, (client) => client.query(tenantRowsSql(A) + tenantRowsSql(B)));
  tables = await as(database.url, (client) =>
    client
      .query<{ name: string }>(
        "SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relrowsecurity AND relforcerowsecurity ORDER BY 1",
      )
      .then((result) => result.rows.map((row) => row.name)),
  );
  db = clients();
});

afterAll(async () => {
  await db?.base.$disconnect().catch(() => {});
  await runtimePool?.end();
  await database?.drop();
});

describe("row-level security on PostgreSQL", () => {
  it("covers every table with an account column, and the children of account-owned rows", async () => {
    const withAccount = await as(database.url, (client) =>
      client
        .query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.columns
           WHERE table_schema = 'public' AND column_name = 'account_id' ORDER BY 1`,
        )
        .then((result) => result.rows.map((row) => row.name)),
    );
    expect(withAccount.length).toBeGreaterThan(10);
    expect(tables).toEqual(
      expect.arrayContaining([
        ...withAccount,
        "accounts",
        "role_permissions",
        "api_key_secrets",
        "group_members",
        "api_key_request_counters",
      ]),
    );
  });

  it("shows the runtime role and the owner no row of any tenant table without the account setting", async () => {
    for (const table of tables) {
      expect(await as(database.url, (client) => count(client, table)), table).toBe(2);
      expect(await as(database.serverEnv.DATABASE_URL, (client) => count(client, table)), table).toBe(0);
      // FORCE ROW LEVEL SECURITY: owning the table is no way past it.
      expect(await as(database.serverEnv.DATABASE_MIGRATION_URL, (client) => count(client, table)), table).toBe(0);
    }
    // Nor through a setting left over from an earlier transaction on the same connection.
    await as(database.serverEnv.DATABASE_URL, async (client) => {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.account_id', $1, true)", [A]);
      expect(await count(client, "api_keys")).toBe(1);
      await client.query("COMMIT");
      expect(await count(client, "api_keys")).toBe(0);
      expect((await client.query("UPDATE networks SET ssid = 'x'")).rowCount).toBe(0);
      expect((await client.query("DELETE FROM wifi_users")).rowCount).toBe(0);
      await expect(
        client.query(`INSERT INTO networks (id, account_id, name, ssid) VALUES (gen_random_uuid(), '${A}', 'x', 'x')`),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it("shows one account's rows with its setting, every account's with the bypass", async () => {
    await as(database.serverEnv.DATABASE_URL, async (client) => {
      for (const [setting, value, expected] of [
        ["app.account_id", A, 1],
        ["app.account_id", "not-a-uuid", 0],
        ["app.rls_bypass", "on", 2],
      ] as const) {
        await client.query("BEGIN");
        await client.query("SELECT set_config($1, $2, true)", [setting, value]);
        for (const table of tables) expect(await count(client, table), `${table} ${setting}=${value}`).toBe(expected);
        await client.query("COMMIT");
      }
    });
  });

  it("runs the app's queries with the account they name, and raw SQL with none unless bound", async () => {
    const rows = await db.scoped.network.findMany({ where: { accountId: A } });
    expect(rows.map((row) => row.accountId)).toEqual([A]);
    // A relation of the account read: the account's own rows only.
    const account = await db.scoped.account.findUnique({ where: { id: A }, include: { apiKeys: true, members: true } });
    expect(account?.apiKeys.map((key) => key.accountId)).toEqual([A]);
    expect(account?.members).toHaveLength(1);
    // No account named: no rows, never every account's.
    expect(await db.scoped.$queryRaw`SELECT id FROM api_keys`).toEqual([]);
    expect(await db.scoped.$queryRaw`SELECT api_key_id FROM api_key_secrets`).toEqual([]);
    expect(await db.scoped.$queryRaw`SELECT group_id FROM group_members`).toEqual([]);
    expect(await db.bound(B).$queryRaw`SELECT account_id FROM api_keys`).toEqual([{ account_id: B }]);
    expect(await db.bound(B).apiKeySecret.count()).toBe(1);
    expect(await db.unscoped.apiKey.count()).toBe(2);
  });

  it("refuses a query of a bound client that names another account", async () => {
    await expect(db.bound(A).network.findMany({ where: { accountId: B } })).rejects.toThrow(UnscopedQueryError);
    await expect(
      db.bound(A).network.updateMany({ where: { AND: [{ accountId: B }] }, data: { ssid: "x" } }),
    ).rejects.toThrow(UnscopedQueryError);
  });

  it("sets the account inside a transaction before each query that names another", async () => {
    const seen = await db.scoped.$transaction(async (tx) => {
      const before = await tx.$queryRaw<unknown[]>`SELECT id FROM networks`;
      const a = await tx.network.count({ where: { accountId: A } });
      const raw = await tx.$queryRaw<{ account_id: string }[]>`SELECT account_id FROM networks`;
      const b = await tx.network.count({ where: { accountId: B } });
      return { before: before.length, a, raw: raw.map((row) => row.account_id), b };
    });
    expect(seen).toEqual({ before: 0, a: 1, raw: [A], b: 1 });
  });

  it("writes one statement's rows of several accounts when each names its own, never through a bound client", async () => {
    const row = (accountId: string) => ({ accountId, name: `Several ${accountId.slice(0, 1)}`, ssid: "S" });
    await db.scoped.$transaction((tx) => tx.network.createMany({ data: [row(A), row(B)] }));
    expect(await db.unscoped.network.count({ where: { ssid: "S" } })).toBe(2);
    await expect(db.bound(A).network.createMany({ data: [row(A), row(B)] })).rejects.toThrow(UnscopedQueryError);
  });

  it("writes a login's own mail (of no account) in a transaction given an account", async () => {
    const recipient = `login-${Date.now()}@example.test`;
    await db.bound(A).$transaction(async (tx) => {
      await tx.network.count({ where: { accountId: A } });
      await tx.outboxMessage.create({
        data: { accountId: null, channel: "mail", kind: "verification", recipient, subject: "Confirm" },
      });
      await tx.outboxMessage.create({
        data: { accountId: A, channel: "mail", kind: "invitation", recipient, subject: "Join" },
      });
    });
    expect(await db.unscoped.outboxMessage.count({ where: { recipient } })).toBe(2);
  });
});
