import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { config } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { processSingleton } from "@/lib/process-singleton";
import { getConnection } from "./connection";
import { tenantGuard } from "./tenant-guard";

type Clients = { unscoped: PrismaClient; scoped: PrismaClient };

// The guard only intercepts queries; it changes no model's types, so the guarded
// client keeps the plain client's type (and its transactions the plain TransactionClient).
const guard = (client: PrismaClient) => client.$extends(tenantGuard) as unknown as PrismaClient;

// The client for everything that acts within one account: it refuses any query on an
// account-owned model without the account filter (tenant-guard.ts). Created lazily:
// `next build` imports route modules and must not open the database.
export function getDb(): PrismaClient {
  return clients().scoped;
}

// For the few lookups that must search every account (a key by its hash, a member by
// the email signing in). Each caller says why.
export function getUnscopedDb(): PrismaClient {
  return clients().unscoped;
}

function clients(): Clients {
  return processSingleton("prisma", create);
}

function create(): Clients {
  const connection = getConnection();
  const adapter = connection.kind === "pg" ? new PrismaPg(connection.pool) : new PrismaPGlite(connection.pglite);
  const unscoped: PrismaClient = new PrismaClient({
    adapter,
    // Secret columns never leave the database unless a query asks for them by name.
    omit: { identity: { passwordHash: true }, apiKeySecret: { hash: true } },
    // A transaction waits its turn for a busy pool (or PGlite's one connection) instead
    // of failing after Prisma's default 2 s; a dead server still fails fast (connection.ts).
    transactionOptions: { maxWait: config.dbTransactionWaitMs, timeout: config.dbTransactionWaitMs },
  });
  return { unscoped, scoped: guard(unscoped) };
}
