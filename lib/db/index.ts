import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { config } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getConnection } from "./connection";

const globalForPrisma = globalThis as unknown as { wispPrisma?: PrismaClient };

// Created lazily: `next build` imports route modules and must not open the database.
export function getDb(): PrismaClient {
  globalForPrisma.wispPrisma ??= create();
  return globalForPrisma.wispPrisma;
}

function create(): PrismaClient {
  const connection = getConnection();
  const adapter = connection.kind === "pg" ? new PrismaPg(connection.pool) : new PrismaPGlite(connection.pglite);
  return new PrismaClient({
    adapter,
    // Secret columns never leave the database unless a query asks for them by name.
    omit: { member: { passwordHash: true }, apiKey: { hash: true } },
    // A transaction waits its turn for a busy pool (or PGlite's one connection) instead
    // of failing after Prisma's default 2 s; a dead server still fails fast (connection.ts).
    transactionOptions: { maxWait: config.dbTransactionWaitMs, timeout: config.dbTransactionWaitMs },
  });
}
