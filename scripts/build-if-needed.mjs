// Builds the app unless .next holds a build of exactly the current sources.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "prisma",
  "public",
  "instrumentation.ts",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
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

export function buildIfNeeded() {
  const stamp = path.join(root, ".next", "source-hash");
  const hash = sourceHash();
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(stamp) || readFileSync(stamp, "utf8") !== hash) {
    console.log("Building the portal (first start, or the sources changed)…");
    const build = spawnSync(process.execPath, [next, "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
    writeFileSync(stamp, hash);
  }
}
