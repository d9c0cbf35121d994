import { getHeapSpaceStatistics } from "node:v8";
import { errorResponse, json } from "@/lib/api/responses";
import { testClockEnabled } from "@/lib/clock";
import { getConnection } from "@/lib/db/connection";
import { AppError } from "@/lib/errors";

const MB = 1024 * 1024;
// What scripts/serve.mjs reports through the lifecycle object.
type Lifecycle = { admissionStats?: () => unknown; idleCollectionStats?: () => unknown };
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

// Tests and the bench only: exists on a server started with WISP_TEST_CLOCK=1, a plain 404
// everywhere else. Where this process's memory is, in MB: the resident set, V8's heap (by
// space), memory outside it (Buffers and ArrayBuffers), and the embedded database's
// WebAssembly memory (PGlite's, which grows and is never given back); and what the
// collection when idle last did (lib/server/idle-collection.mjs).
// GET /api/test/memory – this instance's memory
// `?gc=1`: after a full garbage collection, when the server runs with --expose-gc.
export function GET(request: Request) {
  if (!testClockEnabled()) return errorResponse(new AppError("not_found", "No such endpoint."));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (new URL(request.url).searchParams.get("gc") === "1" && gc) gc();
  const usage = process.memoryUsage();
  const lifecycle = (globalThis as Record<symbol, Lifecycle | undefined>)[Symbol.for("wisp.lifecycle")];
  const connection = getConnection();
  const wasm =
    connection.kind === "pglite"
      ? (connection.pglite as unknown as { Module?: { HEAPU8?: Uint8Array } }).Module?.HEAPU8?.buffer.byteLength
      : undefined;
  return json({
    rss: mb(usage.rss),
    heapTotal: mb(usage.heapTotal),
    heapUsed: mb(usage.heapUsed),
    external: mb(usage.external),
    arrayBuffers: mb(usage.arrayBuffers),
    wasm: wasm === undefined ? null : mb(wasm),
    admission: lifecycle?.admissionStats?.(),
    idleCollection: lifecycle?.idleCollectionStats?.() ?? null,
    heapSpaces: Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, mb(space.space_size)])),
  });
}
