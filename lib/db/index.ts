import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { config } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { processSingleton } from "@/lib/process-singleton";
import { getConnection } from "./connection";
import { withRowSecurity } from "./row-security";
import { tenantGuard } from "./tenant-guard";

export { acrossAccounts } from "./row-security";

type Clients = { guarded: PrismaClient; unscoped: PrismaClient; scoped: PrismaClient; transactions: boolean };

// The guard only intercepts queries; it changes no model's types, so the guarded
// client keeps the plain client's type (and its transactions the plain TransactionClient).
const guard = (client: PrismaClient) => client.$extends(tenantGuard) as unknown as PrismaClient;

// The client for everything that acts within one account: it refuses any query on an
// account-owned model without the account filter (tenant-guard.ts), and on PostgreSQL runs
// each query with that account set for row-level security (row-security.ts). Given the
// account (`getDb(accountId)`), raw SQL runs within it too, and a query naming another
// account is refused. Created lazily: `next build` imports route modules and must not open
// the database.
export function getDb(accountId?: string): PrismaClient {
  const all = clients();
  if (accountId === undefined) return all.scoped;
  return withRowSecurity(all.guarded, { bound: { account: accountId }, bypass: false, transactions: all.transactions });
}

// For the few lookups that must search every account (a key by its hash, a member by the
// email signing in, the workers that deliver, roll up and scan for every account): the
// narrow bypass of row-level security (app.rls_bypass). Each caller says why.
export function getUnscopedDb(): PrismaClient {
  return clients().unscoped;
}

function clients(): Clients {
  return processSingleton("prisma", create);
}

function create(): Clients {
  const connection = getConnection();
  const adapter = connection.kind === "pg" ? new PrismaPg(connection.pool) : new PrismaPGlite(connection.pglite);
  const base: PrismaClient = new PrismaClient({
    adapter,
    // Secret columns never leave the database unless a query asks for them by name.
    omit: { identity: { passwordHash: true }, apiKeySecret: { hash: true } },
    // A transaction waits its turn for a busy pool (or PGlite's one connection) instead
    // of failing after Prisma's default 2 s; a dead server still fails fast (connection.ts).
    transactionOptions: { maxWait: config.dbTransactionWaitMs, timeout: config.dbTransactionWaitMs },
  });
  // Only a PostgreSQL server's roles are subject to row-level security: the embedded
  // database runs as its superuser, so there the settings would cost statements for nothing.
  const transactions = connection.kind === "pg";
  const guarded = guard(base);
  return {
    guarded,
    transactions,
    unscoped: withRowSecurity(base, { bypass: true, transactions }),
    scoped: withRowSecurity(guarded, { bypass: false, transactions }),
  };
}
