import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { addMailSource } from "./mail-sources";
import { mailsIn } from "./smtp";

export const ROOT = path.resolve(import.meta.dirname, "../..");

// `output()`: everything the server printed so far (stdout and stderr); `pid`: its process.
export type RunningServer = { url: string; pid: number; stop: () => Promise<void>; output: () => string };

// TEST_PORT_OFFSET shifts every test port, so several checkouts can run their suites at once.
export function testPort(basePort: number): number {
  return basePort + Number(process.env.TEST_PORT_OFFSET ?? 0);
}

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  port: number;
  dataDir: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

// The production server exactly as `npm start` runs it after its build step
// (scripts/serve.mjs), on its own port and its own database: a fresh embedded data
// directory unless `env.DATABASE_URL` or `env.DATA_DIR` says otherwise.
export function spawnServer(
  basePort: number,
  env: Record<string, string> = {},
  command: string[] = [process.execPath, "scripts/serve.mjs"],
): ServerProcess {
  const port = testPort(basePort);
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "wisp-test-"));
  // Without SMTP_URL the server saves its mail in DATA_DIR/mail: signing up reads it there.
  if (!env.SMTP_URL) addMailSource(() => mailsIn(path.join(dataDir, "mail")), dataDir);
  const child = spawn(command[0], command.slice(1), {
    cwd: ROOT,
    env: { ...serverEnv(), NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  // TEST_SERVER_LOG=1 shows the servers' own output while debugging a test.
  if (process.env.TEST_SERVER_LOG) child.stderr?.pipe(process.stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, url: `http://127.0.0.1:${port}`, port, dataDir, output: () => output, exited };
}

// Servers still running when the test process ends (a hook that timed out before it could
// hand them to afterAll) are killed with it, not left behind holding ports and CPU.
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});

// Waits until GET /api/ready answers 200: migrations applied, database reachable.
export async function waitUntilReady(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`the server exited (${server.child.exitCode ?? server.child.signalCode})\n${server.output()}`);
    try {
      if ((await fetch(`${server.url}/api/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s\n--- server output ---\n${server.output()}`);
}

export async function startServer(basePort: number, env: Record<string, string> = {}): Promise<RunningServer> {
  const ownDataDir = !env.DATA_DIR;
  const server = spawnServer(basePort, env);
  try {
    await waitUntilReady(server);
  } catch (error) {
    server.child.kill("SIGKILL");
    throw error;
  }
  return {
    url: server.url,
    pid: server.child.pid!,
    output: server.output,
    stop: async () => {
      await stopProcess(server.child);
      if (ownDataDir) rmSync(server.dataDir, { recursive: true, force: true });
    },
  };
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

// The tests' environment without npm's: a server that believes npm started it stops when
// its parent goes (scripts/serve.mjs), and its parent here is a test worker, not npm.
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("npm_")) delete env[name];
  return env;
}

// The URL of a loopback port nothing listens on: one the system just handed out and took back.
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
