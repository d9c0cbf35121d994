// Runs a tier of the tests step by step, stops after the first step that fails, and ends
// with how long each step (and each Vitest project) took.
//   node scripts/test-all.mjs               everything (npm test)
//   node scripts/test-all.mjs fast          lint, types, unit, the API suite on the embedded database (npm run test:fast)
//   node scripts/test-all.mjs node-compat   the build, unit tests and the API files where the Node.js version shows (npm run test:node-compat)
// Steps in one group run side by side, each line of their output headed by the step's name:
// suites that mostly wait on their own server (one file at a time each), or single-threaded
// checks. Suites with stated time bounds, or that starve servers on purpose, run alone, and
// so do the unit tests (CPU-bound, with Vitest's 5 s default timeout).
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import readline from "node:readline";

const root = path.resolve(import.meta.dirname, "..");
const vitestReporters = ["--reporter=default", "--reporter=./tests/helpers/project-durations.ts"];
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const eslintCache = path.join(root, "node_modules", ".cache", "eslint", ".eslintcache");

const prettier = { name: "prettier", command: [bin("prettier"), "--check", "--cache", "."] };
const eslint = { name: "eslint", command: [bin("eslint"), "--cache", "--cache-location", eslintCache, "."] };
const types = { name: "types (tsc)", command: [bin("tsc"), "--noEmit"] };
const build = { name: "build", command: [process.execPath, "scripts/build-if-needed.mjs"] };
// The SDK: its generated types against the API they were generated from
// (sdk/scripts/generate.ts), and the package on its own settings (sdk/tsconfig.json).
const sdkCurrent = {
  name: "sdk types current",
  command: [bin("tsx"), "--conditions=react-server", "sdk/scripts/generate.ts", "--check"],
};
const sdkTypes = { name: "types (sdk)", command: [bin("tsc"), "-p", "sdk"] };
const vitest = (...projects) => ({
  name: `vitest ${projects.join(", ")}`,
  vitest: true,
  command: [bin("vitest"), "run", ...projects.flatMap((project) => ["--project", project]), ...vitestReporters],
});
// The API suite without the tests that start servers of their own with other settings
// (APP_URL, TRUSTED_PROXIES; no SMTP_URL, a bad one): npm test runs them.
const apiFast = {
  ...vitest("api"),
  command: [
    ...vitest("api").command,
    ...["tests/api/public-url.test.ts", "tests/api/mail-setup.test.ts", "tests/api/webhooks-ssrf.test.ts"].flatMap(
      (file) => ["--exclude", file],
    ),
  ],
};

const playwright = { name: "playwright", command: [bin("playwright"), "test"] };
// On an older Node.js (the node-compat tier): the API suite's files where the runtime shows
// (the server on the embedded database's WebAssembly and the native lock, WebCrypto and
// SHA-256 for keys and passkeys, TOTP, fetch and streams for webhooks and CSV), not the
// whole suite, which `npm test` runs on the recommended Node.js.
const apiOnRuntime = {
  ...vitest("api"),
  name: "vitest api (runtime files)",
  command: [
    ...vitest("api").command,
    ...[
      "api-keys",
      "key-lifecycle",
      "passkeys",
      "two-factor",
      "webhooks",
      "audit-log",
      "sessions",
      "email-verification",
    ].map((name) => `tests/api/${name}.test.ts`),
  ],
};

// Each entry: a step, or a list of steps run side by side.
const TIERS = {
  all: [
    [prettier, eslint, types, sdkTypes, sdkCurrent, build],
    vitest("unit"),
    [vitest("api"), vitest("api-postgres")],
    [vitest("db"), vitest("security"), vitest("security-postgres")],
    vitest("cluster"),
    vitest("lifecycle"),
    playwright,
  ],
  fast: [[prettier, eslint, types, sdkTypes, sdkCurrent, build], vitest("unit"), apiFast],
  "node-compat": [build, vitest("unit"), apiOnRuntime],
};

const tier = process.argv[2] ?? "all";
const groups = TIERS[tier]?.map((entry) => [entry].flat());
if (!groups) {
  console.error(`test-all: no tier "${tier}" (one of: ${Object.keys(TIERS).join(", ")})`);
  process.exit(2);
}

const scratch = mkdtempSync(path.join(tmpdir(), "wisp-test-all-"));
const rows = [];
const started = Date.now();
let failed = false;
for (const group of groups) {
  const side = group.length > 1;
  console.log(`\n=== ${group.map((step) => step.name).join(side ? " | " : "")}${side ? " (side by side)" : ""} ===`);
  const results = await Promise.all(group.map((step, index) => runStep(step, side, index)));
  for (const result of results) rows.push(...result.rows);
  if (results.some((result) => result.code !== 0)) {
    failed = true;
    break;
  }
}
rmSync(scratch, { recursive: true, force: true });
rows.push({ name: "total", ms: Date.now() - started, result: failed ? "failed" : "passed" });

const table = [
  `test-all ${tier} on Node.js ${process.version}: durations (steps side by side overlap; a Vitest project: its first file's start to its last file's end)`,
  ...rows.map((row) => `${row.name.padEnd(32)} ${seconds(row.ms).padStart(11)}  ${row.result}`),
];
console.log(`\n=== ${table.join("\n")}`);
// .ci/run collects the tables of its passes and prints them together at the end.
if (process.env.WISP_TEST_SUMMARY) appendFileSync(process.env.WISP_TEST_SUMMARY, `${table.join("\n")}\n\n`);
process.exit(failed ? 1 : 0);

async function runStep(step, prefixed, index) {
  const durationsFile = path.join(scratch, `vitest-${index}.json`);
  const stepStarted = Date.now();
  const env = step.vitest ? { WISP_TEST_DURATIONS: durationsFile } : {};
  const code = await run(step.command, env, prefixed ? `[${step.name}] ` : "");
  const rows = [{ name: step.name, ms: Date.now() - stepStarted, result: code === 0 ? "passed" : `failed (${code})` }];
  if (step.vitest && existsSync(durationsFile)) {
    const projects = JSON.parse(readFileSync(durationsFile, "utf8"));
    if (projects.length > 1)
      for (const project of projects)
        rows.push({ name: `  ${project.project}`, ms: project.spanMs, result: `${project.files} files` });
  }
  return { code, rows };
}

function run([command, ...args], env, prefix) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: prefix ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, ...(prefix ? { FORCE_COLOR: process.stdout.isTTY ? "1" : "0" } : {}), ...env },
    });
    if (prefix)
      for (const [stream, out] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ])
        readline.createInterface({ input: stream }).on("line", (line) => out.write(`${prefix}${line}\n`));
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward).on("SIGTERM", forward);
    child.on("close", (code, signal) => {
      process.off("SIGINT", forward).off("SIGTERM", forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function seconds(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}
