// The production server: Next's request handler behind an HTTP server of our own, so
// that starting and stopping follow rules a supervisor can rely on.
// - It listens at once and answers 503 with Retry-After (never hangs, never a 500)
//   until the database is reachable and migrations are applied (instrumentation.ts →
//   lib/server/lifecycle.ts); GET /api/health (liveness) answers 200 all along, and
//   GET /api/ready only once it can serve. The URL is printed then.
// - A start that can't succeed (the data directory is open in another process) exits 1.
// - SIGTERM or SIGINT: /api/ready answers 503 at once, and every request that reaches the
//   server is still answered, with Connection: close, until none has come in for a
//   moment (the drain); then stop accepting connections, let in-flight requests finish
//   (all of it within SHUTDOWN_TIMEOUT_MS), write buffered "last used" times, close the
//   database, exit 0. Once, however many signals arrive.
// Run by `npm start` (scripts/start.mjs), or directly: node scripts/serve.mjs
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import ipaddr from "ipaddr.js";
import next from "next";
import { ADMISSION_HEADER, createAdmission } from "../lib/http/admission.mjs";
import { collectWhenIdle } from "../lib/server/idle-collection.mjs";
import { settingsOrExit } from "../lib/settings.mjs";

// Every setting checked before anything else: a bad value exits 1 naming it (lib/settings.mjs).
const {
  port,
  shutdownTimeoutMs,
  appUrl,
  trustedProxies: trustedProxyList,
  maxConcurrentRequests,
  idleGc,
} = settingsOrExit();
const root = path.resolve(import.meta.dirname, "..");
// The same reading of TRUSTED_PROXIES (addresses or CIDR ranges) as lib/http/client-address.ts.
const trustedProxies = trustedProxyList.map((entry) => {
  const [address, bits] = entry.includes("/") ? ipaddr.parseCIDR(entry) : [ipaddr.process(entry)];
  return [ipaddr.process(address.toString()), bits ?? (address.kind() === "ipv4" ? 32 : 128)];
});
// The TCP peer of each request, in a header only this server sets (lib/http/socket-address.ts):
// Next keeps a client's own X-Forwarded-For and drops the socket address.
const SOCKET_ADDRESS_HEADER = "x-wisp-socket-address";
// The front door's handover of a key's hash to the route (lib/api/key-handover.ts): only
// the door sets it, never a client.
const KEY_HANDOVER_HEADER = "x-wisp-key-check";
const HSTS = "max-age=63072000; includeSubDomains";
// Next.js asks this server for pages itself: it renders a server action's redirect by
// fetching the target, and forwards an action to the route that defines it, each time with
// the request's headers, X-Forwarded-For included (Next sets it on every request). Those
// requests come from this machine without being a proxy's; each carries a token only this
// process knows, and the door doesn't warn about them.
const SELF_HEADER = "x-wisp-self";
const selfToken = randomBytes(16).toString("hex");
markOwnRequests();
// The headers Next puts on every API answer (next.config.js, and the Vary of its App Router
// responses), for the answers the front door gives in its place (lib/api/front-door.ts);
// tests/security/identical-401.test.ts compares both kinds header by header.
const NEXT_API_HEADERS = [
  ...((await createRequire(import.meta.url)(path.join(root, "next.config.js")).headers?.()) ?? [])
    .filter((rule) => rule.source === "/:path*")
    .flatMap((rule) => rule.headers.map((header) => [header.key, header.value])),
  ["Vary", "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding"],
];
const SERVER_ACTION_BODY_LIMIT = 64 * 1024;
const BYPASS_ADMISSION = new Set(["/api/health", "/api/ready"]);

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

let phase = "starting"; // → "ready" → "stopping"
let handle;
// The build's server action ids (read once it is loaded): any other id is a 404 at the door.
let actionIds = null;
const inFlight = new Set();
let lastRequestAt = 0;
let requestCount = 0;
// The drain after a signal ends once no request has come in for QUIET_MS, at most
// DRAIN_MAX_MS after it (and within SHUTDOWN_TIMEOUT_MS).
const QUIET_MS = 250;
const DRAIN_MAX_MS = 5000;
// lib/server/lifecycle.ts (inside Next's bundle) reports through this object.
const lifecycle = (globalThis[Symbol.for("wisp.lifecycle")] ??= {});
const started = new Promise((resolve) => (lifecycle.started = resolve));
// At most MAX_CONCURRENT_REQUESTS in the app at once, writes first (lib/http/admission.mjs);
// the app hands back a slot it only waits in through lifecycle.releaseAdmission.
const admission = createAdmission(maxConcurrentRequests);
lifecycle.releaseAdmission = admission.release;
lifecycle.admissionStats = admission.stats;
// Peers that sent X-Forwarded-For without being in TRUSTED_PROXIES (app/api/ready reads it).
const untrustedForwarders = (lifecycle.untrustedForwarders ??= []);

const server = http.createServer((req, res) => {
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  delete req.headers[KEY_HANDOVER_HEADER];
  const fromThisProcess = req.headers[SELF_HEADER] === selfToken;
  delete req.headers[SELF_HEADER];
  delete req.headers[ADMISSION_HEADER];
  // Reading the memory report (GET /api/test/memory: tests and the bench only) is not a
  // request for the collection when idle: asking whether it has collected must not keep the
  // server from falling idle.
  const memoryReport = req.url?.startsWith("/api/test/memory") ?? false;
  if (!memoryReport) requestCount += 1;
  const fromProxy = isTrustedProxy(req.socket.remoteAddress ?? "");
  // X-Forwarded-Host and -Proto count only from a trusted proxy (lib/http/public-origin.ts);
  // without them Next sets both from the request itself.
  if (!fromProxy) {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
    if (req.headers["x-forwarded-for"] !== undefined && !fromThisProcess)
      warnUntrustedForwarder(req.socket.remoteAddress ?? "");
  }
  if (!memoryReport) lastRequestAt = Date.now();
  inFlight.add(res);
  res.once("close", () => inFlight.delete(res));
  if (servedOverHttps(req, fromProxy)) res.setHeader("Strict-Transport-Security", HSTS);
  const pathname = (req.url ?? "/").split("?")[0];
  if (phase === "stopping") {
    res.shouldKeepAlive = false;
    if (pathname === "/api/ready") return unavailable(res, "The portal is shutting down.");
  }
  if (phase === "starting" || !handle) {
    if (pathname === "/api/health") return sendJson(res, 200, { status: "ok" });
    if (wantsPage(req, pathname)) return startingPage(res);
    return unavailable(res, "The portal is starting; try again in a moment.");
  }
  // Server actions: Next answers a body over its limit (next.config.js, 64 KiB), sent whole
  // or chunked, and an unparsable Origin with a 500, and an unknown action id with a 409,
  // each with a stack trace in the log; these are the client's errors.
  if (req.headers["next-action"]) {
    if (actionIds && !actionIds.has(String(req.headers["next-action"]))) {
      return sendJson(res, 404, {
        error: { code: "not_found", message: "There is no such server action; reload the page." },
      });
    }
    if (Number(req.headers["content-length"] ?? 0) > SERVER_ACTION_BODY_LIMIT) return tooLarge(res);
    if (req.headers.origin !== undefined && !parsableUrl(req.headers.origin)) {
      return sendJson(res, 400, { error: { code: "bad_request", message: "The Origin header is not a URL." } });
    }
    // A body without a length (chunked) is held here until it is whole, then handed on;
    // past the limit it is refused before Next sees any of it.
    if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] !== undefined) {
      return holdBody(
        req,
        SERVER_ACTION_BODY_LIMIT,
        () => serve(req, res, pathname),
        () => tooLarge(res),
      );
    }
  }
  // Next answers a malformed percent-encoding in a path (/api-keys/%ff) with a plain-text
  // 500: an API path gets the API's JSON 404, a page the portal's 404 page (Next's own
  // not-found route, so it gets its Content-Security-Policy like every page).
  if (!decodable(pathname)) {
    if (pathname.startsWith("/api/")) {
      return sendJson(res, 404, { error: { code: "not_found", message: "There is no API endpoint at this path." } });
    }
    req.url = "/_not-found";
  }
  // Made-up keys are refused before Next, with the answer Next would give; for any other
  // key the door hands its hash on to the route, which then doesn't hash it again.
  const refusal =
    lifecycle.refuseAtTheDoor && req.headers.authorization !== undefined && pathname.startsWith("/api/v1/")
      ? askTheDoor(req)
      : null;
  if (refusal) {
    refusal.then(
      (answer) => (answer ? void sendAnswer(res, answer) : serve(req, res, pathname)),
      () => serve(req, res, pathname),
    );
    return;
  }
  serve(req, res, pathname);
});

// Into the app through the admission queue; health checks and the build's static files
// (no work, and a load balancer must hear from a busy instance) go straight in.
function serve(req, res, pathname) {
  if (BYPASS_ADMISSION.has(pathname) || pathname.startsWith("/_next/static/")) return handle(req, res);
  admission.admit(req, res, () => handle(req, res));
}

// The door's answer, or null (Next serves it): also when the door itself fails.
function askTheDoor(req) {
  try {
    return lifecycle.refuseAtTheDoor(req);
  } catch {
    return null;
  }
}

async function sendAnswer(res, answer) {
  const body = await answer.text();
  for (const [name, value] of NEXT_API_HEADERS) res.setHeader(name, value);
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = answer.status;
  res.write(body);
  res.end();
}

function tooLarge(res) {
  res.shouldKeepAlive = false;
  sendJson(res, 413, { error: { code: "payload_too_large", message: "The request body is larger than 64 KiB." } });
}

// Keeps the request's body from its reader until the whole of it has come (then `whole`), or
// stops at `limit` bytes (then `over`). The HTTP parser hands each chunk to req.push; the
// chunks are held and pushed in order at the end, so the request stays the same object.
function holdBody(req, limit, whole, over) {
  const push = req.push;
  const held = [];
  let size = 0;
  req.push = (chunk, encoding) => {
    if (chunk === null) {
      req.push = push;
      for (const part of held) push.call(req, part);
      whole();
      return push.call(req, null);
    }
    size += chunk.length;
    if (size <= limit) {
      held.push(encoding ? Buffer.from(chunk, encoding) : chunk);
      return true;
    }
    req.push = () => false;
    held.length = 0;
    over();
    return false;
  };
}

// The server actions of this build (by id), or null if the manifest can't be read.
function readActionIds() {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"));
    return new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})]);
  } catch {
    return null;
  }
}

function parsableUrl(value) {
  try {
    new URL(value);
    return true;
  } catch {
    return value === "null";
  }
}

function decodable(pathname) {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function servedOverHttps(req, fromProxy) {
  return appUrl.startsWith("https://") || (fromProxy && req.headers["x-forwarded-proto"] === "https");
}

// A proxy in front without TRUSTED_PROXIES makes every client one address to the brakes:
// 50 failed sign-ins from anyone lock everyone out. Said loudly, once per peer.
function warnUntrustedForwarder(socketAddress) {
  const peer = ipaddr.isValid(socketAddress) ? ipaddr.process(socketAddress).toString() : socketAddress;
  if (untrustedForwarders.includes(peer) || untrustedForwarders.length >= 20) return;
  untrustedForwarders.push(peer);
  console.warn(
    `WARNING: ${peer} sends X-Forwarded-For but is not in TRUSTED_PROXIES. If it is a proxy or load balancer, every client behind it counts as ${peer} (sign-in and key brakes lock them all out together, logs show one address): set TRUSTED_PROXIES to its address.`,
  );
}

// Wraps fetch before Next loads (Next wraps it in turn): a request to this server's own port
// on a loopback name gets SELF_HEADER.
function markOwnRequests() {
  const fetchBeforeUs = globalThis.fetch;
  const own = (/** @type {string} */ url) => {
    const target = URL.parse(url);
    return target?.port === String(port) && ["localhost", "127.0.0.1", "[::1]"].includes(target.hostname);
  };
  /** @type {typeof fetch} */
  globalThis.fetch = (input, init) => {
    if (!own(input instanceof Request ? input.url : String(input))) return fetchBeforeUs(input, init);
    // A Request's own headers, unless init replaces them (as fetch itself does).
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(SELF_HEADER, selfToken);
    return fetchBeforeUs(input, { ...init, headers });
  };
}

function isTrustedProxy(address) {
  if (trustedProxies.length === 0 || !ipaddr.isValid(address)) return false;
  const peer = ipaddr.process(address);
  return trustedProxies.some(([range, bits]) => peer.kind() === range.kind() && peer.match(range, bits));
}

// The same error shape as every API answer (lib/api/responses.ts), written by hand:
// these answers come before (or instead of) the app.
function unavailable(res, message) {
  res.setHeader("Retry-After", "2");
  sendJson(res, 503, { error: { code: "service_unavailable", message } });
}

// A browser loading a page (not the API, not a script's fetch) gets a page, not JSON.
function wantsPage(req, pathname) {
  return req.method === "GET" && !pathname.startsWith("/api/") && /\btext\/html\b/.test(req.headers.accept ?? "");
}

// "Starting…" for a browser while the portal starts: it reloads itself every 2 seconds
// (no script: the policy below allows none), so the tab comes back by itself.
const STARTING_STYLE =
  "body{margin:0;font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh}" +
  "main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.5rem;margin:0 0 .5rem}p{color:#475569;margin:0}" +
  "@media (prefers-color-scheme:dark){body{background:#020617;color:#f1f5f9}p{color:#cbd5e1}}";
const STARTING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2"><title>Starting… · Wisp Portal</title><style>${STARTING_STYLE}</style></head>
<body><main><h1>Starting…</h1><p role="status">Wisp Portal is starting. This page reloads by itself in a moment.</p></main></body></html>
`;
const STARTING_CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STARTING_STYLE).digest("base64")}'; frame-ancestors 'none'`;

function startingPage(res) {
  res.writeHead(503, {
    ...Object.fromEntries(NEXT_API_HEADERS.filter(([key]) => key !== "Vary")),
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Retry-After": "2",
    "Content-Security-Policy": STARTING_CSP,
  });
  res.end(STARTING_PAGE);
}

function sendJson(res, status, body) {
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(JSON.stringify(body));
}

async function stop(reason) {
  if (phase === "stopping") return;
  const wasReady = phase === "ready";
  phase = "stopping";
  const deadline = Date.now() + shutdownTimeoutMs;
  console.log(`${reason}: stopping; ${inFlight.size} request(s) in flight.`);
  // Answers from now on close their connection (also those of requests in flight).
  for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
  await drain(deadline);
  // No new connections; idle keep-alive ones are closed, busy ones after their answer.
  server.close();
  while (inFlight.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  if (inFlight.size > 0)
    console.error(`${inFlight.size} request(s) still running after ${shutdownTimeoutMs} ms; cut off.`);
  server.closeAllConnections();
  await lifecycle.stop?.();
  console.log(wasReady ? "Stopped." : "Stopped before start-up had finished.");
  process.exit(0);
}

// Closing the listener at once would reset the connections the kernel has accepted that
// this process has not taken yet, and closing idle keep-alive connections would drop
// requests already in their buffers that a busy event loop has not read yet: both were
// sent before the signal. So the listener stays open and every request is answered until
// none has come in for QUIET_MS, judged after the event loop has read its sockets once
// more (setImmediate runs after the poll phase).
async function drain(deadline) {
  const until = Math.min(deadline, Date.now() + DRAIN_MAX_MS);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    await new Promise((resolve) => setImmediate(resolve));
    const now = Date.now();
    if (now >= until || now - lastRequestAt >= QUIET_MS) return;
  }
}

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => void stop(signal));

// Under npm, npm forwards signals; if npm itself is killed, stop rather than be orphaned.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void stop("npm exited"), 1000).unref();
}

// An idle keep-alive connection stays open for 65 s, not Node's 5: longer than a load
// balancer keeps one (AWS's: 60 s) and than clients keep an idle one in their pools, so it
// is they who close it. A server that closes first can do so just as a request is sent on
// it, which the client sees as a reset connection (a 502 behind a balancer).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.on("error", (error) => {
  console.error(`Cannot listen on port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, () =>
  console.log(`Starting Wisp Portal on port ${port}; answering 503 until the database is set up…`),
);
// This server speaks plain HTTP: an https APP_URL means TLS ends at a proxy in front.
if (appUrl.startsWith("https:") && trustedProxies.length === 0)
  console.warn(
    "WARNING: APP_URL is https but TRUSTED_PROXIES is empty. The proxy that ends TLS must be listed there, or every client counts as the proxy's address (brakes lock them all out together) and HSTS stays off.",
  );

const app = next({ dev: false, dir: root, hostname: "localhost", port, httpServer: server });
try {
  // Loads the build and starts instrumentation.ts: the data-directory lock, then
  // migrations, retried while the database is unreachable (it exits if it can't start).
  await app.prepare();
} catch (error) {
  console.error(`Cannot start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
await started;
if (phase === "starting") {
  handle = app.getRequestHandler();
  actionIds = readActionIds();
  phase = "ready";
  console.log(`\nWisp Portal is ready: ${appUrl || `http://localhost:${port}`}\n`);
  // From now on, not while starting: a collection in the middle of the migrations kept
  // what they were still using, and the next waited for a busy spell measured from there.
  if (idleGc)
    lifecycle.idleCollectionStats = collectWhenIdle({
      requests: () => requestCount,
      lastRequestAt: () => lastRequestAt,
      inFlight: () => inFlight.size,
    });
}
