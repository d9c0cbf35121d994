// Child process of embedded.test.ts: waits until the agreed moment, tries to take the
// data-directory lock, prints "locked" or "refused", and holds a won lock a moment.
import { DataDirLockedError, lockDataDir } from "../../lib/db/data-dir-lock";

const [dir, goAt] = process.argv.slice(2);
await new Promise((resolve) => setTimeout(resolve, Number(goAt) - Date.now()));
try {
  lockDataDir(dir);
  console.log("locked");
  await new Promise((resolve) => setTimeout(resolve, 1000));
} catch (error) {
  console.log(error instanceof DataDirLockedError ? "refused" : `error: ${(error as Error).message}`);
}
