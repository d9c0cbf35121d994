import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { spawnServer, type ServerProcess } from "../helpers/server";

// `npm start` as a supervisor runs it: the URL only once the portal can serve, the
// server's own exit status passed on, and no server left behind by a signal to npm.
// (The build is already there: npm test builds first, and start only rebuilds on change.)
function npmStart(basePort: number): ServerProcess {
  return spawnServer(basePort, {}, ["npm", "start", "--silent"]);
}

async function untilPrinted(server: ServerProcess, text: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!server.output().includes(text)) {
    if (server.child.exitCode !== null) throw new Error(`npm start exited:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`never printed "${text}":\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// With `exec` in the start script, npm's only child is the server itself.
function serverPid(npm: ServerProcess): number {
  const pids = execFileSync("ps", ["-o", "pid=", "--ppid", String(npm.child.pid)], { encoding: "utf8" })
    .trim()
    .split(/\s+/)
    .map(Number);
  expect(pids).toHaveLength(1);
  return pids[0];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm start", () => {
  it("prints the URL only once the portal answers, and fails when the server is killed", async () => {
    const npm = npmStart(3351);
    await untilPrinted(npm, "Wisp Portal is ready:");
    expect((await fetch(`${npm.url}/api/ready`)).status).toBe(200);
    const pid = serverPid(npm);
    process.kill(pid, "SIGKILL");
    // npm re-raises the server's signal on itself (a shell then reports 137): a failure
    // either way, which restart-on-failure supervisors act on.
    const { code, signal } = await npm.exited;
    expect(signal === "SIGKILL" || (code !== null && code !== 0), `code ${code}, signal ${signal}`).toBe(true);
  });

  it("on SIGTERM to npm alone, stops the server gracefully (exit 0) and leaves no orphan", async () => {
    const npm = npmStart(3352);
    await untilPrinted(npm, "Wisp Portal is ready:");
    const pid = serverPid(npm);
    npm.child.kill("SIGTERM");
    const { code } = await npm.exited;
    await untilPrinted(npm, "Stopped.");
    await expect.poll(() => alive(pid), { timeout: 10_000, interval: 50 }).toBe(false);
    expect(code).toBe(0);
  });

  it("stops the server when npm itself is killed, rather than leave it orphaned", async () => {
    const npm = npmStart(3353);
    await untilPrinted(npm, "Wisp Portal is ready:");
    const pid = serverPid(npm);
    npm.child.kill("SIGKILL");
    await untilPrinted(npm, "npm exited: stopping");
    await untilPrinted(npm, "Stopped.");
    await expect.poll(() => alive(pid), { timeout: 10_000, interval: 50 }).toBe(false);
  });
});
