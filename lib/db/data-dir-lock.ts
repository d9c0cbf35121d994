import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// PGlite takes no lock of its own: two openers of one directory silently lose writes.
// This lock file refuses a second live process instead.
export function lockDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, "pglite.lock");
  const holder = readHolder(lockFile);
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `The embedded database in ${dir} is open in another process (pid ${holder}). ` +
        "Stop it first, or set DATA_DIR to another directory.",
    );
  }
  writeFileSync(lockFile, String(process.pid));
  process.once("exit", () => {
    if (readHolder(lockFile) === process.pid) rmSync(lockFile, { force: true });
  });
}

function readHolder(lockFile: string): number | null {
  try {
    return Number(readFileSync(lockFile, "utf8").trim()) || null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
