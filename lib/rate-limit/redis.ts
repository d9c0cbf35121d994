import "server-only";
import { Redis } from "ioredis";
import { config } from "@/lib/config";
import { processSingleton } from "@/lib/process-singleton";

// The Redis that holds the rate-limit counters (REDIS_URL), behind a circuit: while Redis
// is down, no request waits on it. A command gets REDIS_COMMAND_TIMEOUT_MS to answer
// (withinTimeout); one that fails or doesn't answer in time, or the connection closing,
// marks Redis down, and from then on the counters are kept in this instance's memory
// (lib/rate-limit/store.ts) without asking Redis. Meanwhile it is asked once a second (a
// PING, same timeout) and used again from its first answer. Nothing is queued while it
// is away. Both changes are logged; /api/ready reports the state.
const PROBE_EVERY_MS = 1000;
// Commands the circuit has given up on are dropped by the client after this (a silent
// Redis would otherwise keep them queued until it answers).
const FORGOTTEN_AFTER_MS = 10_000;

type Circuit = {
  client: Redis;
  up: boolean;
  since: number; // when it last went down (or the client was made)
  outageLogged: boolean;
  probing: boolean;
};

const slot = () => processSingleton("redis", () => ({ circuit: undefined as Circuit | undefined, closed: false }));

export function redisCircuit(): Circuit {
  const held = slot();
  return (held.circuit ??= open());
}

function open(): Circuit {
  const client = new Redis(config.redisUrl, {
    keyPrefix: config.redisKeyPrefix,
    commandTimeout: Math.max(FORGOTTEN_AFTER_MS, config.redisCommandTimeoutMs),
    connectTimeout: Math.max(1000, config.redisCommandTimeoutMs),
    // Fail at once while not connected, and on a lost connection, instead of queueing.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Reconnect every second, for as long as it takes.
    retryStrategy: () => PROBE_EVERY_MS,
  });
  const circuit: Circuit = { client, up: false, since: Date.now(), outageLogged: false, probing: false };
  client.on("error", (error: Error) => redisFailed(error));
  client.on("close", () => redisFailed(new Error("the connection closed")));
  client.on("ready", () => void probe(circuit));
  setInterval(() => void probe(circuit), PROBE_EVERY_MS).unref();
  return circuit;
}

// Whether a counter may ask Redis now.
export function redisUp(): boolean {
  return redisCircuit().up;
}

// A command failed (not a refusal by a limiter: an error of Redis or the connection).
export function redisFailed(error: unknown): void {
  if (slot().closed) return;
  const circuit = redisCircuit();
  if (circuit.up) {
    circuit.up = false;
    circuit.since = Date.now();
  }
  if (circuit.outageLogged) return;
  circuit.outageLogged = true;
  const reason = error instanceof Error ? error.message : String(error);
  console.error(
    `Redis is unreachable (${reason}): rate limits are counted in this instance's memory until it answers again.`,
  );
}

// `call` (a command to Redis), or a rejection if it has not answered within
// REDIS_COMMAND_TIMEOUT_MS. The verdict waits until the event loop has read its sockets
// once more after the timer (setImmediate runs after the poll phase): a busy event loop
// runs a late timer before it reads the answer that came in meanwhile, and that is not
// Redis being down.
export function withinTimeout<T>(call: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    call().then(
      (value) => {
        settled = true;
        resolve(value);
      },
      (error: unknown) => {
        settled = true;
        reject(error);
      },
    );
    setTimeout(() => {
      setImmediate(() => {
        if (!settled) reject(new Error(`no answer within ${config.redisCommandTimeoutMs} ms`));
      });
    }, config.redisCommandTimeoutMs);
  });
}

async function probe(circuit: Circuit): Promise<void> {
  if (circuit.up || circuit.probing || circuit.client.status !== "ready") return;
  circuit.probing = true;
  try {
    await withinTimeout(() => circuit.client.ping());
    if (circuit.up) return;
    circuit.up = true;
    if (circuit.outageLogged) {
      const seconds = Math.round((Date.now() - circuit.since) / 1000);
      console.log(`Redis is reachable again after ${seconds} s: rate limits are counted in Redis again.`);
    }
    circuit.outageLogged = false;
  } catch (error) {
    redisFailed(error);
  } finally {
    circuit.probing = false;
  }
}

// Resolves once Redis is up, or after `ms` (it is then reported down and retried).
export async function waitForRedis(ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!redisCircuit().up && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!redisCircuit().up) redisFailed(new Error(`no answer within ${ms} ms of the start`));
}

export function redisState(): { state: "up" | "down"; since?: string } {
  const circuit = redisCircuit();
  return circuit.up ? { state: "up" } : { state: "down", since: new Date(circuit.since).toISOString() };
}

// On shutdown, if it was ever used.
export function closeRedis(): void {
  const held = slot();
  held.closed = true;
  held.circuit?.client.disconnect();
}
