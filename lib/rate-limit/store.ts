import "server-only";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { config, usesPostgresServer } from "@/lib/config";
import { getConnection } from "@/lib/db/connection";
import { closeRedis, redisCircuit, redisFailed, redisState, redisUp, waitForRedis, withinTimeout } from "./redis";

// Where counters live. The embedded database serves one process, so its memory is enough.
// Several instances on a PostgreSQL server must count together: in Redis when REDIS_URL
// is set, else in PostgreSQL's `rate_limits` table (created by a migration, so the library
// is told not to create it). Every store-backed limiter also blocks a key in this
// instance's memory once it is over its limit, so a blocked client costs no store round
// trip, and a check before each request can be answered from memory.
//
// Redis down (lib/rate-limit/redis.ts: a command failed or took longer than
// REDIS_COMMAND_TIMEOUT_MS): every counter is kept in this instance's memory, without
// waiting on Redis, until it answers again. The brakes on guessing then hold per instance;
// a key's rate limits and quota count per instance (with n instances, up to n times the
// limit passes), rather than an outage of the counter store stopping sign-in or every key.
const REDIS_START_WAIT_MS = 3000;

export type LimiterOptions = { keyPrefix: string; points: number; durationSeconds: number };

export function createLimiter(options: LimiterOptions): RateLimiterAbstract {
  const common = { keyPrefix: options.keyPrefix, points: options.points, duration: options.durationSeconds };
  const memory = new RateLimiterMemory(common);
  if (!usesPostgresServer()) return memory;
  const shared = { ...common, inMemoryBlockOnConsumed: options.points };
  if (config.redisUrl) return new RedisOrMemoryLimiter({ ...shared, storeClient: redisCircuit().client }, memory);
  const connection = getConnection();
  if (connection.kind !== "pg") return memory;
  return new RateLimiterPostgres({
    ...shared,
    insuranceLimiter: memory,
    storeClient: connection.pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
  });
}

// At start: connects to Redis (if used) before the first request, so that request isn't
// counted in memory for want of a connection. Waits at most a few seconds: without Redis
// the instance serves all the same, counting in memory.
export async function connectRateLimitStore(): Promise<void> {
  if (!usesPostgresServer() || !config.redisUrl) return;
  await waitForRedis(REDIS_START_WAIT_MS);
}

export function closeRateLimitStore(): void {
  if (config.redisUrl) closeRedis();
}

// What /api/ready says of the counters' store.
export function rateLimitStoreState(): {
  kind: "memory" | "postgres" | "redis";
  state?: "up" | "down";
  since?: string;
} {
  if (!usesPostgresServer()) return { kind: "memory" };
  if (!config.redisUrl) return { kind: "postgres" };
  return { kind: "redis", ...redisState() };
}

// Whether `store` keeps its counts in this instance's memory for now (Redis is down).
export function countsInMemoryNow(store: RateLimiterAbstract): boolean {
  return store instanceof RedisOrMemoryLimiter && !redisUp();
}

// Asks Redis while it is up; while it is down, or when a call fails, this instance's memory.
class RedisOrMemoryLimiter extends RateLimiterRedis {
  constructor(
    options: ConstructorParameters<typeof RateLimiterRedis>[0],
    private readonly memory: RateLimiterMemory,
  ) {
    super(options);
  }

  override consume(key: string | number, points = 1, options = {}) {
    return this.either(
      () => super.consume(key, points, options),
      () => this.memory.consume(key, points, options),
    );
  }

  override penalty(key: string | number, points = 1, options = {}) {
    return this.either(
      () => super.penalty(key, points, options),
      () => this.memory.penalty(key, points, options),
    );
  }

  override reward(key: string | number, points = 1, options = {}) {
    return this.either(
      () => super.reward(key, points, options),
      () => this.memory.reward(key, points, options),
    );
  }

  override get(key: string | number, options = {}) {
    return this.either(
      () => super.get(key, options),
      () => this.memory.get(key, options),
    );
  }

  override set(key: string | number, points: number, seconds: number, options = {}) {
    return this.either(
      () => super.set(key, points, seconds, options),
      () => this.memory.set(key, points, seconds, options),
    );
  }

  override block(key: string | number, seconds: number, options = {}) {
    return this.either(
      () => super.block(key, seconds, options),
      () => this.memory.block(key, seconds, options),
    );
  }

  override delete(key: string | number, options = {}) {
    return this.either(
      () => super.delete(key, options),
      () => this.memory.delete(key, options),
    );
  }

  private async either<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (!redisUp()) return local();
    try {
      return await withinTimeout(shared);
    } catch (error) {
      // A limiter's refusal is an answer, not a failure.
      if (error instanceof RateLimiterRes) throw error;
      redisFailed(error);
      return local();
    }
  }
}
