import { startCacheCoordinator, stopCacheCoordinator } from "@/lib/key-cache/coordinator";
import { flushLastUsed } from "@/lib/api-keys/last-used";
import { closeConnection, getConnection } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { installSocketAddressHeader } from "@/lib/http/socket-address";

export async function startServer(): Promise<void> {
  installSocketAddressHeader();
  const applied = await migrate(getConnection());
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
  await startCacheCoordinator();
  // `next start` has its own handlers, which exit (143) as soon as its HTTP server has
  // closed: with no request in flight that is at once, before the writes below, so
  // buffered "last used" times were lost. Ours replace them and exit once those are done.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown());
  }
}

async function shutdown(): Promise<void> {
  try {
    await stopCacheCoordinator();
    await flushLastUsed();
    await closeConnection();
  } catch (error) {
    console.error("shutdown:", error instanceof Error ? error.message : error);
  } finally {
    process.exit(0);
  }
}
