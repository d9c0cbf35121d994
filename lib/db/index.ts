import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
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
  // Secret columns never leave the database unless a query asks for them by name.
  return new PrismaClient({ adapter, omit: { member: { passwordHash: true }, apiKeySecret: { hash: true } } });
}
