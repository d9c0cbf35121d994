import path from "node:path";

const numberFrom = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);

// Every setting comes from the environment with a safe default; README lists them.
export const config = {
  dataDir: path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR ?? "data"),
  // A postgres:// or postgresql:// URL selects a PostgreSQL server; empty means embedded PGlite.
  databaseUrl: process.env.DATABASE_URL ?? "",
  dbPoolSize: numberFrom(process.env.DB_POOL_SIZE, 10),
  dbStatementTimeoutMs: numberFrom(process.env.DB_STATEMENT_TIMEOUT_MS, 5000),
  // Client-side bounds, so a silent network partition becomes a 503 within seconds
  // instead of a request that hangs until TCP gives up.
  dbQueryTimeoutMs: numberFrom(process.env.DB_QUERY_TIMEOUT_MS, 3000),
  dbConnectTimeoutMs: numberFrom(process.env.DB_CONNECT_TIMEOUT_MS, 3000),
  // How long a transaction may wait for a free connection (busy, not broken, pool).
  dbTransactionWaitMs: numberFrom(process.env.DB_TRANSACTION_WAIT_MS, 15_000),
  // How long a starting instance waits for another one that is applying migrations.
  migrationLockTimeoutMs: numberFrom(process.env.MIGRATION_LOCK_TIMEOUT_MS, 300_000),
  // The portal's public origin (https://portal.example.com); empty: taken from each request.
  appUrl: (process.env.APP_URL ?? process.env.AUTH_URL ?? "").replace(/\/+$/, ""),
  // Addresses or CIDR ranges of reverse proxies allowed to name the client in X-Forwarded-For.
  trustedProxies: (process.env.TRUSTED_PROXIES ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean),
  // A session ends this long after sign-in, however active (seconds; never extended)…
  sessionMaxAgeSeconds: positiveNumber(process.env.SESSION_MAX_AGE, 12 * 60 * 60),
  // …or after this long without a request (seconds).
  sessionIdleTimeoutSeconds: positiveNumber(process.env.SESSION_IDLE_TIMEOUT, 2 * 60 * 60),
  // Failed API-key checks allowed per client address per minute before 429.
  apiKeyFailuresPerMinute: positiveNumber(process.env.API_KEY_FAILURES_PER_MINUTE, 30),
  // How long each 429 to an address blocked for failed key checks is held back (ms; 0: none).
  apiKeyFailureHoldMs: nonNegativeNumber(process.env.API_KEY_FAILURE_HOLD_MS, 1000),
  // redis://… keeps rate-limit counters in Redis (with a PostgreSQL server; see lib/rate-limit/).
  redisUrl: process.env.REDIS_URL ?? "",
  // Prefix of every Redis key, so several deployments (or test runs) can share one server.
  redisKeyPrefix: process.env.REDIS_KEY_PREFIX ?? "wisp:",
};

function positiveNumber(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

function nonNegativeNumber(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

export function usesPostgresServer(): boolean {
  return /^postgres(ql)?:\/\//.test(config.databaseUrl);
}
