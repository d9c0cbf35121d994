import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// `output()`: everything the server printed so far (stdout and stderr).
export type RunningServer = { url: string; stop: () => Promise<void>; output: () => string };

// A real `next start` of the production build on its own port and its own database:
// a fresh embedded data directory unless `env.DATABASE_URL` says otherwise.
// TEST_PORT_OFFSET shifts every test port, so several checkouts can run their suites at once.
export async function startServer(basePort: number, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = basePort + Number(process.env.TEST_PORT_OFFSET ?? 0);
  const dataDir = mkdtempSync(path.join(tmpdir(), "wisp-test-"));
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  // TEST_SERVER_LOG=1 shows the servers' own output while debugging a test.
  if (process.env.TEST_SERVER_LOG) child.stderr?.pipe(process.stderr);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      // The home page touches the database, so it answers only once migrations ran.
      const response = await fetch(`${url}/`, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("next start did not become ready within 60 s");
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
