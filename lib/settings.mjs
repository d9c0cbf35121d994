// Every setting the portal reads from its environment: its type, default and bounds, with
// one line of why. Parsed once at start; a bad value stops the start naming the variable.
// Plain JavaScript, so that the server (scripts/serve.mjs, plain Node without a build)
// and the app (lib/config.ts, inside Next's bundle; TypeScript infers the types) read the
// same rules. An empty variable counts as unset.
import path from "node:path";
import ipaddr from "ipaddr.js";
import { z } from "zod";

/** @param {number} min */
const integer = (min, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
/** @param {number} fallback */
const positiveInteger = (fallback) => integer(1).default(fallback).describe("a positive integer");
/** @param {number} fallback */
const milliseconds = (fallback) => integer(0).default(fallback).describe("a whole number of milliseconds, 0 or more");
/** @param {number} fallback */
const positiveSeconds = (fallback) =>
  z.coerce.number().positive().default(fallback).describe("a positive number of seconds");
const httpUrl = () =>
  z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("an http:// or https:// URL");
const onOff = () => z.enum(["on", "off"]).default("on").describe('"on" or "off"');

/** @param {string} entry */
const isAddressOrRange = (entry) => (entry.includes("/") ? ipaddr.isValidCIDR(entry) : ipaddr.isValid(entry));
/** @param {string} value */
const listOf = (value) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

const schema = z.object({
  // The port the server listens on.
  PORT: integer(1, 65_535).default(3000).describe("a port number from 1 to 65535"),
  // How long a stopping server lets requests in flight finish before it cuts them off.
  SHUTDOWN_TIMEOUT_MS: milliseconds(10_000),
  // The portal's public origin (https://portal.example.com), for every link and redirect it
  // hands out and for HSTS; unset: each request's own Host.
  APP_URL: httpUrl(),
  // next-auth's name for the same setting, used when APP_URL is unset.
  AUTH_URL: httpUrl(),
  // The origin passkeys are bound to (its host is the WebAuthn relying party id); unset:
  // APP_URL's. Browsers refuse an IP address as relying party id: the tests, whose APP_URL
  // is http://127.0.0.1:<port>, register passkeys at http://localhost:<port>.
  PASSKEY_ORIGIN: httpUrl(),
  // Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For,
  // -Host and -Proto are believed; nobody else's are.
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .refine((value) => listOf(value).every(isAddressOrRange))
    .describe("IP addresses or CIDR ranges separated by commas"),
  // Signs session cookies; unset: one is generated on first start and kept in DATA_DIR.
  AUTH_SECRET: z.string().optional().describe("any text"),
  // Where the embedded database (and a generated AUTH_SECRET) live.
  DATA_DIR: z.string().default("data").describe("a directory path"),
  // A PostgreSQL server for several instances; unset: the embedded database in DATA_DIR.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .optional()
    .describe("a postgres:// or postgresql:// URL"),
  // A PostgreSQL role that owns the tables and applies the migrations; DATABASE_URL's role
  // then gets only the rights the app needs (none to rewrite or erase the audit trail).
  // Unset: DATABASE_URL's role migrates and owns everything.
  DATABASE_MIGRATION_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe("a postgres:// or postgresql:// URL"),
  // Requests the app works on at once; the others wait their turn, writes before reads
  // (lib/http/admission.mjs). 0: no limit.
  MAX_CONCURRENT_REQUESTS: integer(0, 10_000).default(16).describe("a whole number from 0 to 10000"),
  // "off": no full garbage collection when the server falls idle after a busy spell
  // (lib/server/idle-collection.mjs).
  IDLE_GC: onOff(),
  // Connections each instance keeps to the PostgreSQL server.
  DB_POOL_SIZE: positiveInteger(10),
  // The server cancels a statement running longer than this (0: no limit).
  DB_STATEMENT_TIMEOUT_MS: milliseconds(5000),
  // A server that stopped answering (a silent partition) fails the query after this, a 503
  // within seconds instead of a request that hangs until TCP gives up (0: no limit).
  DB_QUERY_TIMEOUT_MS: milliseconds(3000),
  // Opening a connection to an unreachable server fails after this (0: no limit).
  DB_CONNECT_TIMEOUT_MS: milliseconds(3000),
  // How long a transaction may wait for a free connection of a busy pool.
  DB_TRANSACTION_WAIT_MS: positiveInteger(15_000).describe("a positive whole number of milliseconds"),
  // How long a starting instance waits for another one that is applying migrations.
  MIGRATION_LOCK_TIMEOUT_MS: milliseconds(300_000),
  // A session ends this long after sign-in, however active (never extended)…
  SESSION_MAX_AGE: positiveSeconds(12 * 60 * 60),
  // …or after this long without a request.
  SESSION_IDLE_TIMEOUT: positiveSeconds(2 * 60 * 60),
  // How long a proof of identity (sign-in, step-up) allows dangerous changes without asking again.
  STEP_UP_WINDOW: positiveSeconds(10 * 60),
  // Requests kept in each key's request log (its newest; older ones are replaced). Lowered,
  // rows beyond the new number stay until they are REQUEST_LOG_DAYS old.
  REQUEST_LOG_PER_KEY: integer(100, 1_000_000).default(10_000).describe("a whole number from 100 to 1000000"),
  // Failed API-key checks allowed per client address per minute before 429.
  API_KEY_FAILURES_PER_MINUTE: positiveInteger(30),
  // New accounts (sign-ups) allowed per client address (an IPv6 one by its /64) per hour.
  SIGN_UPS_PER_ADDRESS_PER_HOUR: positiveInteger(10),
  // How long each 429 to an address blocked for failed key checks is held back (0: none).
  API_KEY_FAILURE_HOLD_MS: milliseconds(1000),
  // Rate-limit counters in Redis (redis://…), shared by instances on a PostgreSQL server;
  // unset: in PostgreSQL (or in memory on the embedded database).
  REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .optional()
    .describe("a redis:// or rediss:// URL"),
  // Prefix of every Redis key, so several deployments (or test runs) can share one server.
  REDIS_KEY_PREFIX: z.string().default("wisp:").describe("any text"),
  // A Redis command not answered within this counts as Redis being down: the counters go to
  // this instance's memory until Redis answers again (lib/rate-limit/redis.ts).
  REDIS_COMMAND_TIMEOUT_MS: integer(1, 60_000).default(100).describe("a whole number of milliseconds from 1 to 60000"),
  // Mail goes through this SMTP server (smtp://user:password@host:587 with STARTTLS when
  // offered, smtps://…:465 with TLS); unset: no mail leaves the machine, each one is saved
  // in DATA_DIR/mail/ and its links printed to the log.
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, hostname: /.+/ })
    .optional()
    .describe("an smtp:// or smtps:// URL with a host"),
  // The mails' sender; unset: "Wisp Portal <no-reply@APP_URL's host>".
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/)
    .optional()
    .describe('an email address, alone or as "Name <address>"'),
  // "1" lets the portal call identity providers (single sign-on) on private, loopback and
  // link-local addresses, and over plain http://: for a provider inside your own network,
  // and for tests. Unset, an issuer on such an address is refused before any request.
  SSO_ALLOW_PRIVATE_NETWORKS: z.enum(["0", "1"]).default("0").describe('"0" or "1"'),
  // "off" turns the in-memory cache of verified keys off (every request asks the database).
  KEY_CACHE: onOff(),
  // "1" lets webhooks go to loopback, private, link-local and unique-local addresses (and
  // plain http:// to loopback): for tests and private deployments only.
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.enum(["0", "1"]).default("0").describe('"0" or "1"'),
  // "1" lets tests move the server's clock (POST /api/test/clock): never in production.
  WISP_TEST_CLOCK: z.enum(["0", "1"]).default("0").describe('"0" or "1"'),
});

/** @param {z.output<typeof schema>} env */
const toConfig = (env) => ({
  port: env.PORT,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  appUrl: (env.APP_URL ?? env.AUTH_URL ?? "").replace(/\/+$/, ""),
  passkeyOrigin: env.PASSKEY_ORIGIN ? new URL(env.PASSKEY_ORIGIN).origin : "",
  trustedProxies: listOf(env.TRUSTED_PROXIES),
  maxConcurrentRequests: env.MAX_CONCURRENT_REQUESTS,
  requestLogPerKey: env.REQUEST_LOG_PER_KEY,
  idleGc: env.IDLE_GC === "on",
  authSecret: env.AUTH_SECRET ?? "",
  dataDir: path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR),
  databaseUrl: env.DATABASE_URL ?? "",
  databaseMigrationUrl: env.DATABASE_MIGRATION_URL ?? "",
  dbPoolSize: env.DB_POOL_SIZE,
  dbStatementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
  dbQueryTimeoutMs: env.DB_QUERY_TIMEOUT_MS,
  dbConnectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
  dbTransactionWaitMs: env.DB_TRANSACTION_WAIT_MS,
  migrationLockTimeoutMs: env.MIGRATION_LOCK_TIMEOUT_MS,
  sessionMaxAgeSeconds: env.SESSION_MAX_AGE,
  sessionIdleTimeoutSeconds: env.SESSION_IDLE_TIMEOUT,
  stepUpWindowSeconds: env.STEP_UP_WINDOW,
  apiKeyFailuresPerMinute: env.API_KEY_FAILURES_PER_MINUTE,
  apiKeyFailureHoldMs: env.API_KEY_FAILURE_HOLD_MS,
  signUpsPerAddressPerHour: env.SIGN_UPS_PER_ADDRESS_PER_HOUR,
  redisUrl: env.REDIS_URL ?? "",
  redisKeyPrefix: env.REDIS_KEY_PREFIX,
  redisCommandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
  keyCache: env.KEY_CACHE === "on",
  smtpUrl: env.SMTP_URL ?? "",
  mailFrom: env.MAIL_FROM ?? "",
  webhookAllowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === "1",
  testClock: env.WISP_TEST_CLOCK === "1",
  ssoAllowPrivateNetworks: env.SSO_ALLOW_PRIVATE_NETWORKS === "1",
});

// Values that may hold a password are never printed.
const SECRET_BEARING = new Set(["AUTH_SECRET", "DATABASE_URL", "DATABASE_MIGRATION_URL", "REDIS_URL", "SMTP_URL"]);

/**
 * The settings in `env`, or one line per bad variable naming what it accepts.
 * @param {Record<string, string | undefined>} env
 */
export function parseSettings(env) {
  const names = /** @type {(keyof typeof schema.shape)[]} */ (Object.keys(schema.shape));
  const given = Object.fromEntries(names.map((name) => [name, env[name] === "" ? undefined : env[name]]));
  const parsed = schema.safeParse(given);
  if (parsed.success) return { ok: /** @type {const} */ (true), config: toConfig(parsed.data) };
  const bad = [
    ...new Set(parsed.error.issues.map((issue) => /** @type {keyof typeof schema.shape} */ (issue.path[0]))),
  ];
  const problems = bad.map((name) => {
    const got = SECRET_BEARING.has(name) ? "" : ` (got ${JSON.stringify(given[name])})`;
    return `${name} must be ${schema.shape[name].description}${got}.`;
  });
  return { ok: /** @type {const} */ (false), problems };
}

/**
 * The problems as the start prints them, one line each.
 * @param {string[]} problems
 */
export const describeProblems = (problems) => problems.map((problem) => `Invalid configuration: ${problem}`).join("\n");

// For the server scripts: the settings, or exit 1 with every bad variable named.
export function settingsOrExit(env = process.env) {
  const settings = parseSettings(env);
  if (settings.ok) return settings.config;
  console.error(describeProblems(settings.problems));
  process.exit(1);
}
