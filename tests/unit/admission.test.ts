import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { ADMISSION_HEADER, createAdmission } from "@/lib/http/admission.mjs";

// The admission queue (lib/http/admission.mjs) in front of a real HTTP server whose
// handler answers only when the test says so: what runs at once, and in which order.
type Held = { path: string; ticket: string; answer: () => void };

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function start(limit: number, options?: { holdMs?: number }) {
  const admission = createAdmission(limit, options);
  const running: Held[] = [];
  const started: string[] = [];
  server = http.createServer((req, res) =>
    admission.admit(req, res, () => {
      const path = req.url ?? "";
      started.push(path);
      running.push({
        path,
        ticket: String(req.headers[ADMISSION_HEADER]),
        answer: () => {
          running.splice(
            running.findIndex((held) => held.path === path),
            1,
          );
          res.end(path);
        },
      });
    }),
  );
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const send = (path: string, method = "GET", signal?: AbortSignal) =>
    fetch(`${url}${path}`, { method, signal }).then((response) => response.text());
  return { admission, running, started, send };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(condition()).toBe(true);
};

describe("admission", () => {
  test("at most `limit` requests run at once; writes go before waiting reads, each in arrival order", async () => {
    const { admission, running, started, send } = await start(2);
    const answers = [send("/r1"), send("/r2")];
    await until(() => running.length === 2);
    answers.push(send("/r3"));
    await until(() => admission.stats().waiting === 1);
    answers.push(send("/r4"));
    await until(() => admission.stats().waiting === 2);
    answers.push(send("/w1", "POST"));
    await until(() => admission.stats().waiting === 3);
    answers.push(send("/w2", "DELETE"));
    await until(() => admission.stats().waiting === 4);
    expect(admission.stats()).toEqual({ active: 2, waiting: 4, limit: 2 });
    while (started.length < 6 || running.length > 0) {
      await until(() => running.length > 0);
      expect(running.length).toBeLessThanOrEqual(2);
      running[0].answer();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(started).toEqual(["/r1", "/r2", "/w1", "/w2", "/r3", "/r4"]);
    expect(await Promise.all(answers)).toEqual(["/r1", "/r2", "/r3", "/r4", "/w1", "/w2"]);
    expect(admission.stats()).toEqual({ active: 0, waiting: 0, limit: 2 });
  });

  test("a request that gives its ticket back lets the next one in while it goes on waiting", async () => {
    const { admission, running, started, send } = await start(1);
    const held = send("/held");
    await until(() => running.length === 1);
    const next = send("/next");
    await until(() => admission.stats().waiting === 1);
    admission.release(running[0].ticket);
    admission.release(running[0].ticket); // twice: still one slot
    await until(() => started.includes("/next"));
    expect(admission.stats()).toEqual({ active: 1, waiting: 0, limit: 1 });
    admission.release("not a ticket");
    admission.release(null);
    expect(admission.stats().active).toBe(1);
    for (const request of [...running]) request.answer();
    expect(await Promise.all([held, next])).toEqual(["/held", "/next"]);
  });

  test("a client that leaves while it waits is skipped; a slot held past holdMs is freed", async () => {
    const { admission, running, started, send } = await start(1, { holdMs: 200 });
    const first = send("/first");
    await until(() => running.length === 1);
    const leaving = new AbortController();
    const gone = send("/gone", "GET", leaving.signal).catch(() => "aborted");
    await until(() => admission.stats().waiting === 1);
    leaving.abort();
    expect(await gone).toBe("aborted");
    const last = send("/last");
    await until(() => admission.stats().waiting === 2);
    // /first never answers within holdMs: its slot goes to the next client still there.
    for (let i = 0; i < 100 && !started.includes("/last"); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toEqual(["/first", "/last"]);
    for (const request of [...running]) request.answer();
    expect(await Promise.all([first, last])).toEqual(["/first", "/last"]);
  });

  test("limit 0: no queue", async () => {
    const { admission, running, send } = await start(0);
    const answers = ["/a", "/b", "/c", "/d"].map((path) => send(path));
    await until(() => running.length === 4);
    expect(admission.stats().waiting).toBe(0);
    for (const request of [...running]) request.answer();
    await Promise.all(answers);
  });
});
