import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { openPGlite } from "@/lib/db/pglite";
import { withRowSecurity } from "@/lib/db/row-security";
import { tenantGuard, UnscopedQueryError } from "@/lib/db/tenant-guard";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

// The guarded client exactly as lib/db builds it, on both databases, with two accounts'
// rows in them: a query that forgets the account is refused and returns nothing.
type Guarded = {
  name: string;
  db: PrismaClient;
  bound: (accountId: string) => PrismaClient;
  close: () => Promise<void>;
};
let database: TestDatabase;
const clients: Guarded[] = [];
const accounts = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];

async function seed(db: PrismaClient) {
  for (const id of accounts) {
    await db.account.create({ data: { id, name: `Account ${id.slice(0, 1)}` } });
    await db.network.create({ data: { accountId: id, name: "Office", ssid: "Office" } });
    const role = await db.role.create({ data: { accountId: id, name: "Reader" } });
    await db.rolePermission.create({ data: { roleId: role.id, area: "api_keys", level: "READ" } });
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
    const guarded = new PrismaClient({ adapter }).$extends(tenantGuard) as unknown as PrismaClient;
    const transactions = name === "PostgreSQL";
    const db = withRowSecurity(guarded, { bypass: false, transactions });
    const bound = (account: string) => withRowSecurity(guarded, { bound: { account }, bypass: false, transactions });
    await seed(guarded);
    clients.push({ name, db, bound, close });
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

  it("refuses an account's rows reached from an unguarded parent, an invitation or a child row without the account", async () => {
    for (const { name, db } of clients) {
      await expect(db.account.findMany({ include: { networks: true } }), name).rejects.toThrow(UnscopedQueryError);
      await expect(db.account.count(), name).rejects.toThrow(UnscopedQueryError);
      await expect(db.invitation.findMany({ where: { email: "a@example.test" } }), name).rejects.toThrow(
        UnscopedQueryError,
      );
      const [role] = await db.role.findMany({ where: { accountId: accounts[1] } });
      // A role's permissions by the role's id alone: it may be another account's role.
      await expect(db.rolePermission.findMany({ where: { roleId: role.id } }), name).rejects.toThrow(
        UnscopedQueryError,
      );
      await expect(db.apiKeySecret.findMany(), name).rejects.toThrow(UnscopedQueryError);
      await expect(db.groupMember.deleteMany({}), name).rejects.toThrow(UnscopedQueryError);
      expect(
        await db.rolePermission.count({ where: { roleId: role.id, role: { accountId: accounts[1] } } }),
        name,
      ).toBe(1);
      const account = await db.account.findUnique({ where: { id: accounts[0] }, include: { networks: true } });
      expect(
        account?.networks.map((network) => network.accountId),
        name,
      ).toEqual([accounts[0]]);
    }
  });

  it("holds a client given its caller's account to that account, even when a query names another", async () => {
    for (const { name, bound } of clients) {
      const db = bound(accounts[0]);
      await expect(db.network.findMany({ where: { accountId: accounts[1] } }), name).rejects.toThrow(
        UnscopedQueryError,
      );
      await expect(
        db.$transaction((tx) => tx.network.deleteMany({ where: { AND: [{ accountId: accounts[1] }] } })),
        name,
      ).rejects.toThrow(UnscopedQueryError);
      const [role] = await db.role.findMany({ where: { accountId: accounts[0] } });
      expect(await db.rolePermission.count({ where: { roleId: role.id } }), name).toBe(1);
      expect(await bound(accounts[1]).network.count({ where: { accountId: accounts[1] } }), name).toBe(1);
    }
  });
});
