import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { flockSync } from "fs-ext";

// PGlite takes no lock of its own: two openers of one directory silently lose writes.
// This process holds an exclusive flock(2) on DATA_DIR/pglite.lock for as long as it
// lives. Why flock and not a lock file checked by hand or proper-lockfile:
// - taking it is one atomic system call, so two starters can never both win;
// - the kernel drops it the moment the owner's files are closed, which happens on any
//   exit, kill -9 included, before the process lingers as a zombie; there is no PID to
//   check (PID reuse after a container restart can't block a start) and no staleness
//   to guess;
// - proper-lockfile (mkdir, then mtime refreshed on a timer) only learns that an owner
//   died after its `stale` interval, so a restart after kill -9 must wait that long, and
//   an owner whose event loop stalls longer than that (PGlite runs WASM on the main
//   thread) loses its lock to a second process: the corruption the lock exists to stop.
// The PID written into the file only makes the refusal message helpful; it decides nothing.
const held = new Set<string>();

export class DataDirLockedError extends Error {}

export function lockDataDir(dir: string): void {
  if (held.has(dir)) return;
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, "pglite.lock");
  const fd = openSync(lockFile, "a+");
  try {
    flockSync(fd, "exnb");
  } catch (error) {
    closeSync(fd);
    if ((error as NodeJS.ErrnoException).code !== "EAGAIN" && (error as NodeJS.ErrnoException).code !== "EWOULDBLOCK")
      throw error;
    const holder = readFileSync(lockFile, "utf8").trim();
    throw new DataDirLockedError(
      `The embedded database in ${dir} is open in another process${holder ? ` (pid ${holder})` : ""}. ` +
        "Stop it first, or set DATA_DIR to another directory.",
    );
  }
  // Kept open (and locked) until the process exits.
  ftruncateSync(fd);
  writeSync(fd, String(process.pid));
  held.add(dir);
}
