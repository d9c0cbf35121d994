import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { openPGlite } from "@/lib/db/pglite";
import { tenantGuard, UnscopedQueryError } from "@/lib/db/tenant-guard";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

// The guarded client exactly as lib/db builds it, on both databases, with two accounts'
// rows in them: a query that forgets the account is refused and returns nothing.
type Guarded = { name: string; db: PrismaClient; close: () => Promise<void> };
let database: TestDatabase;
const clients: Guarded[] = [];
const accounts = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];

async function seed(db: PrismaClient) {
  for (const id of accounts) {
    await db.account.create({ data: { id, name: `Account ${id.slice(0, 1)}` } });
    await db.network.create({ data: { accountId: id, name: "Office", ssid: "Office" } });
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const pglite = openPGlite();
  await migrate({ kind: "pglite", pglite });
  const pool = new Pool({ connectionString: database.url, max: 2 });
  await migrate({ kind: "pg", pool, url: database.url });
  for (const [name, adapter, close] of [
    ["embedded", new PrismaPGlite(pglite), () => pglite.close()],
    ["PostgreSQL", new PrismaPg(pool), () => pool.end()],
  ] as const) {
    const db = new PrismaClient({ adapter }).$extends(tenantGuard) as unknown as PrismaClient;
    await seed(db);
    clients.push({ name, db, close });
  }
});

afterAll(async () => {
  for (const client of clients) await client.db.$disconnect().catch(() => {});
  for (const client of clients) await client.close();
  await database?.drop();
});

describe("the tenant guard", () => {
  it("refuses a query on account-owned records that forgets the account, on both databases", async () => {
    for (const { name, db } of clients) {
      let rows: unknown[] | undefined;
      await expect(
        (async () => {
          rows = await db.network.findMany({ where: { name: "Office" } });
        })(),
        name,
      ).rejects.toThrow(UnscopedQueryError);
      expect(rows, name).toBeUndefined();
      await expect(db.network.updateMany({ where: { name: "Office" }, data: { ssid: "x" } }), name).rejects.toThrow(
        UnscopedQueryError,
      );
      await expect(db.network.deleteMany({}), name).rejects.toThrow(UnscopedQueryError);
      await expect(db.network.count(), name).rejects.toThrow(UnscopedQueryError);
      await expect(db.network.create({ data: { name: "x", ssid: "x" } as never }), name).rejects.toThrow(
        UnscopedQueryError,
      );
    }
  });

  it("lets a scoped query through and returns only that account's rows", async () => {
    for (const { name, db } of clients) {
      const rows = await db.network.findMany({ where: { accountId: accounts[0] } });
      expect(
        rows.map((row) => row.accountId),
        name,
      ).toEqual([accounts[0]]);
      expect(await db.network.count({ where: { AND: [{ accountId: accounts[1] }, { name: "Office" }] } }), name).toBe(
        1,
      );
    }
  });
});
