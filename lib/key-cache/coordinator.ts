import { randomUUID } from "node:crypto";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { config } from "@/lib/config";
import { getUnscopedDb } from "@/lib/db";
import { getConnection } from "@/lib/db/connection";
import { processSingleton } from "@/lib/process-singleton";
import { keyCache, type CacheScope } from "./cache";
import { secretFilter } from "./secret-filter";

// Keeps every instance's key cache exact, with no revocation window.
//
// Embedded database: one process owns the data directory, so clearing this process's
// cache is enough. PostgreSQL server: each instance holds a dedicated connection that
// LISTENs for invalidations and renews a lease row every second. An instance may answer
// from memory only until its last successful renewal + the lease (3 s) − a margin (0.5 s);
// if the connection breaks, it stops at once and goes to the database (and answers 503
// when that is gone too). A change to a key or role evicts what it names (a key, a role's
// keys, an account's keys) from the local cache, NOTIFYs the same scope, and returns only
// when every instance with a live lease has acknowledged evicting it, or its lease has
// run out (after which that instance no longer trusts its memory). A new secret (a key
// created or rolled) travels the same way into every instance's filter of live secrets.
//
// All of that runs on a worker thread (lease-worker.mjs), so neither renewals nor
// acknowledgements wait behind the requests of a saturated event loop. The worker puts
// each change it receives on a message port and counts it in memory both threads share,
// then acknowledges; every key check first reads that count and, when it moved, takes the
// changes off the port synchronously (receiveMessageOnPort) and applies them. So a change
// acknowledged by an instance holds for every request that instance starts afterwards.
// A renewal that comes late still extends the lease; only when the lease had truly run out
// in the database does the cache start again from empty.
//
// An instance whose connection broke may miss notifications while its lease still runs;
// it reconnects within about a second and renews that lease, so a writer waiting for it
// would wait until its deadline. So, once LISTENing again, and before it trusts its
// memory, it acknowledges every change committed before then at once ("*"), and starts
// from an empty cache. A writer takes that as an acknowledgement of its changes whose own
// notification it received before this one (notifications arrive in commit order): those
// committed later reach the reconnected instance and are acknowledged one by one.

// What a change makes every instance do: evict cached keys, and add new secrets' hashes.
export type KeyChange = { evict?: CacheScope; added?: string[] };

// What the worker puts on the shared port: a change from another instance (as JSON), or
// "start again from empty" (connected anew, or the lease had run out).
type Inbox = { change: string } | { reset: true };
type FromWorker =
  | { type: "connected" | "connect-failed" | "lease-expired" | "stopped" }
  | { type: "published"; id: string; error?: string };

type State = {
  worker?: Worker;
  inbox?: MessagePort;
  trustedUntil?: BigInt64Array;
  posted?: Int32Array;
  applied: number;
  waiting: Map<string, (result: FromWorker) => void>;
  filterBuild?: Promise<void>;
  leaseExpiries: number;
};

const state = processSingleton<State>("coordinator", () => ({ applied: 0, waiting: new Map(), leaseExpiries: 0 }));

export async function startCacheCoordinator(): Promise<void> {
  if (getConnection().kind === "pglite") {
    keyCache.setUsable(() => true);
    secretFilter.setUsable(() => true);
    await buildSecretFilter();
    return;
  }
  const shared = new SharedArrayBuffer(16);
  const channel = new MessageChannel();
  state.trustedUntil = new BigInt64Array(shared, 0, 1);
  state.posted = new Int32Array(shared, 8, 1);
  state.inbox = channel.port1;
  keyCache.setUsable(trusted);
  secretFilter.setUsable(trusted);
  // Next's bundler builds the worker (and what it imports) into a chunk of its own.
  const worker = new Worker(new URL("./lease-worker.mjs", import.meta.url), {
    workerData: { databaseUrl: config.databaseUrl, instanceId: randomUUID(), shared, inbox: channel.port2 },
    transferList: [channel.port2],
  });
  state.worker = worker;
  worker.unref();
  worker.on("message", onWorkerMessage);
  worker.on("error", (error) => console.error("key cache coordinator:", error.message));
  // Changes are taken off the port by key checks; this keeps an idle instance's port short.
  setInterval(drain, 1000).unref();
  const first = await new Promise<FromWorker>((resolve) => state.waiting.set("start", resolve));
  if (first.type === "connected") await state.filterBuild;
}

function onWorkerMessage(message: FromWorker): void {
  if (message.type === "published") state.waiting.get(message.id)?.(message);
  else if (message.type === "stopped") state.waiting.get("stop")?.(message);
  else if (message.type === "lease-expired") state.leaseExpiries++;
  else {
    drain();
    state.waiting.get("start")?.(message);
    state.waiting.delete("start");
  }
}

// Whether this instance may answer from memory now. The lease is read before the port is
// drained: a lease the worker granted after a reset is only seen with that reset applied.
function trusted(): boolean {
  const until = Number(Atomics.load(state.trustedUntil!, 0));
  drain();
  return Date.now() < until;
}

function drain(): void {
  const target = Atomics.load(state.posted!, 0);
  while (state.applied !== target) {
    const received = receiveMessageOnPort(state.inbox!);
    if (!received) {
      // Never expected (a message is posted before it is counted): assume the worst.
      state.applied = target;
      reset();
      return;
    }
    state.applied = (state.applied + 1) | 0;
    const message = received.message as Inbox;
    if ("reset" in message) reset();
    else applyReceived(message.change);
  }
}

function reset(): void {
  keyCache.clear();
  secretFilter.drop();
  state.filterBuild = buildSecretFilter().catch(() => {
    // Without a filter every hash goes to the database: correct, only slower. Try again.
    setTimeout(() => secretFilter.stats().ready || reset(), 1000).unref();
  });
}

// Counted and read in pages of the hash index. On PostgreSQL this starts only once this
// instance is LISTENing: a secret committed later reaches it as a notification, one
// committed earlier is in what it reads.
async function buildSecretFilter(): Promise<void> {
  const db = getUnscopedDb();
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM api_key_secrets WHERE hash IS NOT NULL`;
  async function* pages() {
    let after = "";
    for (;;) {
      const rows = await db.$queryRaw<{ hash: string }[]>`
        SELECT hash FROM api_key_secrets WHERE hash IS NOT NULL AND hash > ${after} ORDER BY hash LIMIT 50000`;
      if (rows.length === 0) return;
      yield rows.map((row) => row.hash);
      after = rows[rows.length - 1].hash;
    }
  }
  await secretFilter.build(n, pages());
}

function apply(change: KeyChange): void {
  if (change.evict) keyCache.evict(change.evict);
  for (const hash of change.added ?? []) secretFilter.add(hash);
}

// A message that can't be read is taken as the largest change: evict everything, and
// forget the filter of live secrets until it is built again.
function applyReceived(text: string): void {
  try {
    apply(JSON.parse(text) as KeyChange);
  } catch {
    reset();
  }
}

// Called after a change to keys or roles has committed, before it is reported done.
export const invalidateKeyCache = (scope: CacheScope) => publishKeyChange({ evict: scope });

// Applies the change here, then on every instance with a live lease, before returning.
export async function publishKeyChange(change: KeyChange): Promise<void> {
  apply(change);
  if (getConnection().kind === "pglite" || !state.worker) return;
  const id = randomUUID();
  const done = new Promise<FromWorker>((resolve) => state.waiting.set(id, resolve));
  try {
    state.worker.postMessage({ type: "publish", id, change: JSON.stringify(change) });
    const result = await done;
    if ("error" in result && result.error) throw new Error(`key cache invalidation failed: ${result.error}`);
  } finally {
    state.waiting.delete(id);
  }
}

// Leases found run out in the database by a late renewal (the test endpoint).
export function coordinatorStats(): { leaseExpiries: number } {
  return { leaseExpiries: state.leaseExpiries };
}

export async function stopCacheCoordinator(): Promise<void> {
  const worker = state.worker;
  if (!worker) return;
  state.worker = undefined;
  // Leaving: writers need not wait for this instance any more.
  const stopped = new Promise((resolve) => state.waiting.set("stop", resolve));
  worker.postMessage({ type: "stop" });
  await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  await worker.terminate();
}
