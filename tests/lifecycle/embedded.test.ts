import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { expectJson, newAccount, roleNamed } from "../helpers/account";
import { api } from "../helpers/portal";
import { ROOT, spawnServer, waitUntilReady } from "../helpers/server";

// The embedded database (PGlite) in one data directory: one process at a time, a lock
// that dies with its owner, and a shutdown that loses nothing.
const dirs: string[] = [];
function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wisp-lifecycle-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("the data-directory lock", () => {
  it("refuses a second server on the same directory at once, with the reason, and exit code 1", async () => {
    const dataDir = freshDataDir();
    const first = spawnServer(3331, { DATA_DIR: dataDir });
    try {
      await waitUntilReady(first);
      const second = spawnServer(3332, { DATA_DIR: dataDir });
      const { code } = await second.exited;
      expect(code).toBe(1);
      expect(second.output()).toContain(`The embedded database in ${dataDir} is open in another process`);
      // The first one never noticed.
      expect((await fetch(`${first.url}/api/ready`)).status).toBe(200);
    } finally {
      first.child.kill("SIGKILL");
      await first.exited;
    }
  });

  it("is taken by exactly one of two processes that try at the same moment, 10 times in a row", async () => {
    // Two processes, each trying the ten directories' locks at the same ten moments.
    const script = path.join(ROOT, "tests/lifecycle/take-lock.mts");
    const dataDirs = Array.from({ length: 10 }, freshDataDir);
    const children = [0, 1].map(() => {
      const child = spawn(process.execPath, ["--import", "tsx", script, ...dataDirs], { cwd: ROOT });
      const lines: string[] = [];
      readline.createInterface({ input: child.stdout }).on("line", (line) => lines.push(line));
      return { child, lines, exited: new Promise((resolve) => child.on("exit", resolve)) };
    });
    const allSaid = (count: number) =>
      expect.poll(() => children.every(({ lines }) => lines.length >= count), { timeout: 60_000, interval: 50 });
    await allSaid(1).toBe(true);
    expect(children.map(({ lines }) => lines[0])).toEqual(["ready", "ready"]);
    const goAt = Date.now() + 300;
    for (const { child } of children) child.stdin.write(`${goAt}\n`);
    await allSaid(1 + dataDirs.length).toBe(true);
    for (const { child } of children) child.stdin.end();
    await Promise.all(children.map(({ exited }) => exited));

    const answers = dataDirs.map((_, round) => children.map(({ lines }) => lines[1 + round]));
    expect(
      answers.every((pair, round) =>
        pair.every((answer) => answer === `${round} locked` || answer === `${round} refused`),
      ),
      answers.join(),
    ).toBe(true);
    const winners = answers.map((pair) => pair.filter((answer) => answer.endsWith(" locked")).length);
    expect(winners).toEqual(Array(10).fill(1));
  });

  it("restarts at once after kill -9, 10 times in a row, and ignores a stale PID in the lock file", async () => {
    const dataDir = freshDataDir();
    // A lock file naming a live process (as after PID reuse in a new container) blocks nothing.
    writeFileSync(path.join(dataDir, "pglite.lock"), String(process.pid));
    let account: Awaited<ReturnType<typeof newAccount>> | undefined;
    for (let round = 0; round < 10; round++) {
      const server = spawnServer(3333, { DATA_DIR: dataDir });
      try {
        await waitUntilReady(server);
      } catch (error) {
        server.child.kill("SIGKILL");
        throw new Error(`round ${round}: ${(error as Error).message}`);
      }
      account ??= await newAccount(server.url, "Crash Org");
      const call = api(server.url, account.ownerKey.secret);
      await expectJson(await call("/api/v1/users", { method: "POST", json: { username: `crash-${round}` } }), 201);
      const { total } = await expectJson<{ total: number }>(await call("/api/v1/users"), 200);
      expect(total).toBe(round + 1);
      server.child.kill("SIGKILL");
      await server.exited;
    }
  });
});

describe("SIGTERM under load", () => {
  it("finishes every request it took, writes last-used, exits 0 once, and loses no answered write", async () => {
    const dataDir = freshDataDir();
    const server = spawnServer(3334, { DATA_DIR: dataDir });
    await waitUntilReady(server);
    const account = await newAccount(server.url, "Shutdown Org");
    const call = api(server.url, account.ownerKey.secret);

    type Outcome = { username: string; status?: number; error?: string };
    const outcomes: Outcome[] = [];
    let sent = 0;
    let stopLoad = false;
    // Eight clients writing as fast as they can until the server stops answering.
    const clients = Array.from({ length: 8 }, async (_, client) => {
      while (!stopLoad) {
        const username = `load-${client}-${sent++}`;
        try {
          const response = await call("/api/v1/users", { method: "POST", json: { username } });
          await response.text();
          outcomes.push({ username, status: response.status });
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause;
          outcomes.push({ username, error: cause?.code ?? (error as Error).message });
          if (cause?.code === "ECONNREFUSED") return;
        }
      }
    });
    // Under load: more than 20 writes answered before the signal comes.
    await expect
      .poll(() => outcomes.filter((outcome) => outcome.status !== undefined).length, { timeout: 30_000, interval: 50 })
      .toBeGreaterThan(20);
    // A key used only now: its last use is pending when the signal comes.
    const lastKey = await expectJson<{ keyId: string; secret: string }>(
      await call("/api/v1/api-keys", {
        method: "POST",
        json: { name: "last", roleId: (await roleNamed(call, "Owner")).id },
      }),
      201,
    );
    expect((await api(server.url, lastKey.secret)("/api/v1/whoami")).status).toBe(200);
    server.child.kill("SIGTERM");
    setTimeout(() => server.child.kill("SIGTERM"), 50); // a second signal changes nothing
    const { code, signal } = await server.exited;
    stopLoad = true;
    await Promise.all(clients);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(server.output().match(/^Stopped\.$/gm)).toHaveLength(1);

    const answered = outcomes.filter((outcome) => outcome.status !== undefined);
    expect(answered.length).toBeGreaterThan(20);
    expect(answered.filter((outcome) => outcome.status !== 201)).toEqual([]);

    // After a restart: every answered write is there, and no request that failed was written.
    const again = spawnServer(3334, { DATA_DIR: dataDir });
    try {
      await waitUntilReady(again);
      const stored = new Set<string>();
      const reader = api(again.url, account.ownerKey.secret);
      for (let page = 1; ; page++) {
        const body = await expectJson<{ items: { username: string }[] }>(
          await reader(`/api/v1/users?pageSize=100&page=${page}`),
          200,
        );
        body.items.forEach((item) => stored.add(item.username));
        if (body.items.length < 100) break;
      }
      expect(answered.filter((outcome) => !stored.has(outcome.username))).toEqual([]);
      const failedButWritten = outcomes.filter((outcome) => outcome.error && stored.has(outcome.username));
      expect(failedButWritten).toEqual([]);
      const key = await expectJson<{ lastUsedAt: string | null }>(
        await reader(`/api/v1/api-keys/${lastKey.keyId}`),
        200,
      );
      expect(key.lastUsedAt).not.toBeNull();
    } finally {
      again.child.kill("SIGTERM");
      await again.exited;
    }
  });
});
