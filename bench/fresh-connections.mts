// New connections beside busy keep-alive ones (issue 28): 50 keep-alive connections keep the
// server busy (whoami and a page in turn, as fast as answers come), while a new connection
// every 100 ms sends one whoami; each one's time to its answer (connect, the wait in the
// listen queue, and the request) is measured, and the same alone as the baseline.
import http from "node:http";
import autocannon from "autocannon";
import type { RunningServer } from "../tests/helpers/server";

const BUSY_CONNECTIONS = 50;
const GIVE_UP_MS = 8000;

export type FreshFigures = { p50: number; p95: number; max: number; unanswered: number; sent: number };

function once(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, headers, timeout: GIVE_UP_MS }, (response) => {
      response.resume();
      response.on("end", () => resolve(performance.now() - started));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(Number.POSITIVE_INFINITY));
  });
}

async function fresh(url: string, headers: Record<string, string>, seconds: number): Promise<FreshFigures> {
  const times: Promise<number>[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    times.push(once(url, headers));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const all = await Promise.all(times);
  const answered = all.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (p: number) => Math.round(answered[Math.min(answered.length - 1, Math.floor(answered.length * p))] ?? NaN);
  return {
    p50: at(0.5),
    p95: at(0.95),
    max: Math.round(answered[answered.length - 1] ?? NaN),
    unanswered: all.length - answered.length,
    sent: all.length,
  };
}

export async function freshConnections(
  server: RunningServer,
  key: string,
  cookie: string,
  seconds: number,
): Promise<{ idle: FreshFigures; busy: FreshFigures; busyRps: number; busyP50: number; busyP99: number }> {
  const headers = { Authorization: `Bearer ${key}` };
  const url = `${server.url}/api/v1/whoami`;
  const idle = await fresh(url, headers, Math.min(seconds, 5));
  const busyLoad = autocannon({
    url: server.url,
    connections: BUSY_CONNECTIONS,
    duration: seconds + 2,
    requests: [
      { method: "GET", path: "/api/v1/whoami", headers },
      { method: "GET", path: "/api-keys", headers: { Cookie: cookie } },
    ],
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const busy = await fresh(url, headers, seconds);
  const result = await busyLoad;
  return {
    idle,
    busy,
    busyRps: Math.round(result.requests.average),
    busyP50: result.latency.p50,
    busyP99: result.latency.p99,
  };
}
