import "server-only";
import { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { config, usesPostgresServer } from "@/lib/config";
import { getConnection } from "@/lib/db/connection";
import { processSingleton } from "@/lib/process-singleton";

// Where failure counters live. The embedded database serves one process, so its memory
// is enough. Several instances on a PostgreSQL server must count together: in Redis when
// REDIS_URL is set, else in PostgreSQL's `rate_limits` table (created by a migration, so
// the library is told not to create it). Every store-backed limiter also:
// - blocks a key in this instance's memory once it is over its limit, so a blocked client
//   costs no store round trip, and a check before each request can be answered from memory;
// - falls back to a memory limiter if the store fails (Redis down), rather than letting
//   an outage of the counter store stop every sign-in.
export type LimiterOptions = { keyPrefix: string; points: number; durationSeconds: number };

function redis(): Redis {
  return processSingleton("redis", connectRedis);
}

function connectRedis(): Redis {
  const client = new Redis(config.redisUrl, {
    keyPrefix: config.redisKeyPrefix,
    // Commands wait for the first connection, but while Redis is away they fail after one
    // reconnection attempt, to the memory fallback, instead of queueing.
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  });
  client.on("error", () => {});
  return client;
}

export function createLimiter(options: LimiterOptions): RateLimiterAbstract {
  const common = { keyPrefix: options.keyPrefix, points: options.points, duration: options.durationSeconds };
  const memory = new RateLimiterMemory(common);
  if (!usesPostgresServer()) return memory;
  const shared = { ...common, inMemoryBlockOnConsumed: options.points, insuranceLimiter: memory };
  if (config.redisUrl) return new RateLimiterRedis({ ...shared, storeClient: redis() });
  const connection = getConnection();
  if (connection.kind !== "pg") return memory;
  return new RateLimiterPostgres({
    ...shared,
    storeClient: connection.pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
  });
}
