import http from "node:http";
import { afterAll, expect, it } from "vitest";
import { newAccount } from "../helpers/account";
import { spawnServer, waitUntilReady, type ServerProcess } from "../helpers/server";

// SIGTERM while 50 clients keep it busy: 40 on keep-alive connections, 10 with a new
// connection per request. Every request sent before the signal is answered (after it,
// with Connection: close), /api/ready answers 503 meanwhile, and the process exits 0
// within the shutdown timeout. Requests sent after the signal may be refused.
let server: ServerProcess | undefined;
afterAll(async () => {
  server?.child.kill("SIGKILL");
  await server?.exited;
});

type Outcome = { sentAt: number; status?: number; connection?: string; error?: string };

function get(url: string, agent: http.Agent | false, headers: Record<string, string>): Promise<Outcome> {
  const sentAt = performance.now();
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers }, (response) => {
      response.resume();
      response.on("end", () =>
        resolve({ sentAt, status: response.statusCode, connection: response.headers.connection }),
      );
      response.on("error", (error) =>
        resolve({ sentAt, error: (error as NodeJS.ErrnoException).code ?? error.message }),
      );
    });
    request.on("error", (error) => resolve({ sentAt, error: (error as NodeJS.ErrnoException).code ?? error.message }));
  });
}

it("answers every request sent before SIGTERM, under load from 50 clients, and exits 0", async () => {
  server = spawnServer(3383, { SHUTDOWN_TIMEOUT_MS: "10000" });
  await waitUntilReady(server, 120_000);
  const account = await newAccount(server.url, "Shutdown under load");
  const auth = { Authorization: `Bearer ${account.ownerKey.secret}` };
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 40 });
  const outcomes: Outcome[] = [];
  let signalledAt = Number.POSITIVE_INFINITY;
  let exited = false;
  void server.exited.then(() => (exited = true));
  // A page and a key check in turn, as fast as each client gets its answers.
  const client = async (index: number, agent: http.Agent | false) => {
    for (let n = 0; !exited; n++) {
      const path = (index + n) % 2 === 0 ? "/sign-in" : "/api/v1/whoami";
      const outcome = await get(server!.url + path, agent, auth);
      outcomes.push(outcome);
      // Refused once the server stopped listening: this client is done.
      if (outcome.error && performance.now() > signalledAt) return;
    }
  };
  const clients = [
    ...Array.from({ length: 40 }, (_, index) => client(index, keepAlive)),
    ...Array.from({ length: 10 }, (_, index) => client(index, false)),
  ];
  await expect.poll(() => outcomes.length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(100);

  signalledAt = performance.now();
  server.child.kill("SIGTERM");
  const ready = await get(`${server.url}/api/ready`, false, {});
  const { code } = await server.exited;
  const stoppedAfter = performance.now() - signalledAt;
  await Promise.all(clients);
  keepAlive.destroy();

  const before = outcomes.filter((outcome) => outcome.sentAt < signalledAt);
  const failedBefore = before.filter((outcome) => outcome.error || (outcome.status ?? 0) >= 500);
  const after = outcomes.filter((outcome) => outcome.sentAt >= signalledAt);
  const answeredAfter = after.filter((outcome) => outcome.status);
  const errors = [...new Set(outcomes.filter((outcome) => outcome.error).map((outcome) => outcome.error))];
  console.log(
    `${before.length} requests sent before SIGTERM, ${failedBefore.length} not answered (${failedBefore
      .map((outcome) => `${(signalledAt - outcome.sentAt).toFixed(0)} ms before: ${outcome.error ?? outcome.status}`)
      .slice(0, 10)
      .join(
        "; ",
      )}); ${after.length} sent after, ${answeredAfter.length} answered; errors seen: ${errors.join(", ")}; ` +
      `/api/ready during the stop: ${ready.status ?? ready.error}; exit ${code} after ${stoppedAfter.toFixed(0)} ms`,
  );
  expect(code).toBe(0);
  expect(ready.status).toBe(503);
  expect(failedBefore).toEqual([]);
  // Answers after the signal close their connection (but for a few the server answered
  // before it handled the signal).
  expect(answeredAfter.filter((outcome) => outcome.connection === "close").length).toBeGreaterThan(0);
  expect(stoppedAfter).toBeLessThan(15_000);
}, 180_000);
