// The peer apps of `npm run bench` (bench/peers/): a bare Next.js app of the portal's
// version, and better-auth's API-key plugin in a Next.js route. Each has its own
// package.json and lockfile, installed into its own node_modules on first use, so the
// portal's dependencies stay as they are.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stopProcess, testPort } from "../tests/helpers/server";

export type PeerName = "bare-next" | "better-auth";
export type RunningPeer = { url: string; pid: number; stop: () => Promise<void> };

const PEERS_DIR = path.resolve(import.meta.dirname, "peers");
const SOURCES = ["app", "lib", "next.config.mjs", "package-lock.json"];
const BUILD_STAMP = path.join(".next", "wisp-source-hash");
// Read by the app at build time too (Next loads route modules while collecting page data).
const SECRET = randomBytes(32).toString("hex");

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} in ${cwd} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function sourceHash(dir: string): string {
  const hash = createHash("sha256");
  const add = (entry: string) => {
    const full = path.join(dir, entry);
    if (!existsSync(full)) return;
    if (statSync(full).isFile()) return hash.update(entry).update(readFileSync(full));
    for (const child of readdirSync(full).sort()) add(path.join(entry, child));
  };
  SOURCES.forEach(add);
  return hash.digest("hex");
}

// `npm ci` on first use (or when the lockfile changed), `next build` when the sources changed.
export function preparePeer(name: PeerName): void {
  const dir = path.join(PEERS_DIR, name);
  const installed = path.join(dir, "node_modules", ".package-lock.json");
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(path.join(dir, "package-lock.json")).mtimeMs) {
    console.log(`Installing the ${name} peer (npm ci in bench/peers/${name})…`);
    run(dir, "npm", ["ci", "--no-audit", "--no-fund"]);
  }
  const hash = sourceHash(dir);
  const stamp = path.join(dir, BUILD_STAMP);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  console.log(`Building the ${name} peer…`);
  run(dir, process.execPath, ["node_modules/next/dist/bin/next", "build"], { BETTER_AUTH_SECRET: SECRET });
  writeFileSync(stamp, hash);
}

// Migrates the better-auth peer's database with better-auth's own migration and creates a
// user and one API key through its server API; returns the key's secret.
export function setUpBetterAuth(databaseUrl: string): string {
  const output = run(path.join(PEERS_DIR, "better-auth"), process.execPath, ["scripts/setup.mjs"], {
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: SECRET,
  });
  return JSON.parse(output.trim().split("\n").pop()!).key;
}

// `next start` of a peer on its own port (TEST_PORT_OFFSET applies), ready when /api/health answers.
export async function startPeer(
  name: PeerName,
  basePort: number,
  env: Record<string, string> = {},
): Promise<RunningPeer> {
  const port = testPort(basePort);
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    cwd: path.join(PEERS_DIR, name),
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", BETTER_AUTH_SECRET: SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`the ${name} peer exited (${child.exitCode})\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the ${name} peer did not answer within 30 s\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid!, stop: () => stopProcess(child) };
}
