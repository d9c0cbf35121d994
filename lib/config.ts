import path from "node:path";

// Every setting comes from the environment with a safe default; README lists them.
export const config = {
  dataDir: path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR ?? "data"),
  // A postgres:// or postgresql:// URL selects a PostgreSQL server; empty means embedded PGlite.
  databaseUrl: process.env.DATABASE_URL ?? "",
  dbPoolSize: Number(process.env.DB_POOL_SIZE ?? 10),
  dbStatementTimeoutMs: Number(process.env.DB_STATEMENT_TIMEOUT_MS ?? 5000),
  // Addresses or CIDR ranges of reverse proxies allowed to name the client in X-Forwarded-For.
  trustedProxies: (process.env.TRUSTED_PROXIES ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean),
};

export function usesPostgresServer(): boolean {
  return /^postgres(ql)?:\/\//.test(config.databaseUrl);
}
