// Builds the app unless .next holds a build of exactly the current sources.
// `node scripts/build-if-needed.mjs` (npm test) or imported by scripts/start.mjs.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import readline from "node:readline";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "prisma",
  "public",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
  "proxy.ts",
  "tsconfig.json",
];

function* files(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) return yield entry;
  for (const child of readdirSync(full).sort()) {
    if (entry === "lib" && child === "generated") continue;
    yield* files(path.join(entry, child));
  }
}

function sourceHash() {
  const hash = createHash("sha256");
  for (const source of SOURCES)
    for (const file of files(source)) hash.update(file).update(readFileSync(path.join(root, file)));
  return hash.digest("hex");
}

export async function buildIfNeeded() {
  const stamp = path.join(root, ".next", "source-hash");
  const hash = sourceHash();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash)
    return;
  console.log("Building the portal (first start, or the sources changed)…");
  await build();
  writeFileSync(stamp, hash);
}

// What `next build` is doing, from the line that starts each of its steps.
const STEPS = [
  [/Creating an optimized production build/, "compiling (Turbopack)"],
  [/Running TypeScript/, "checking types"],
  [/Collecting page data/, "collecting page data"],
  [/Generating static pages/, "generating static pages"],
  [/Finalizing page optimization/, "finalizing"],
];
const PROGRESS_EVERY_MS = 5000;
// next.config.js's 64 KiB limit on server action bodies exists only as an experimental
// setting, which `next build` announces as "Experiments (use with caution)". Only that
// announcement is left out: any other experiment is still shown.
const KNOWN_EXPERIMENTS = new Set(["serverActions"]);

// `next build` is silent for long stretches (compiling alone can take a minute on a
// busy machine): its lines are passed on, and a line every few seconds says which step
// is running and for how long, so a first start never looks stuck.
function build() {
  return new Promise((resolve) => {
    const started = Date.now();
    let step = "starting";
    let lastLineAt = started;
    const child = spawn(process.execPath, [next, "build"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    for (const stream of [child.stdout, child.stderr]) {
      const experiments = experimentsFilter();
      readline.createInterface({ input: stream }).on("line", (line) => {
        step = STEPS.find(([pattern]) => pattern.test(line))?.[1] ?? step;
        lastLineAt = Date.now();
        for (const shown of experiments(line)) console.log(shown);
      });
    }
    const progress = setInterval(() => {
      if (Date.now() - lastLineAt < PROGRESS_EVERY_MS - 100) return;
      console.log(`  … ${step} (${Math.round((Date.now() - started) / 1000)} s so far)`);
    }, PROGRESS_EVERY_MS);
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward).on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      clearInterval(progress);
      process.off("SIGINT", forward).off("SIGTERM", forward);
      if (code === 0) {
        console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
        return resolve();
      }
      console.error(signal ? `The build was stopped (${signal}).` : `The build failed (exit code ${code}).`);
      process.exit(code || 1);
    });
  });
}

// Holds back the "Experiments" header and its "· name" lines; lets them through if any
// experiment is not a known one.
function experimentsFilter() {
  let held = null;
  return (line) => {
    if (/Experiments \(use with caution\)/.test(line)) {
      held = [line];
      return [];
    }
    if (held && /^\s+· /.test(line)) {
      held.push(line);
      return [];
    }
    if (!held) return [line];
    const names = held.slice(1).map((item) => item.replace(/^\s+· /, "").trim());
    const shown = names.every((name) => KNOWN_EXPERIMENTS.has(name)) ? [] : held;
    held = null;
    return [...shown, line];
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildIfNeeded();
