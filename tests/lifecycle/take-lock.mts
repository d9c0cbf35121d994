// Child process of embedded.test.ts: given data directories, says "ready", reads the agreed
// moment from stdin, then at that moment and every ROUND_MS after it tries to take the
// lock of the next directory and prints "<round> locked" or "<round> refused". It holds
// every lock it won until the test closes its stdin, so the other process can't get one late.
import { createInterface } from "node:readline";
import { DataDirLockedError, lockDataDir } from "../../lib/db/data-dir-lock";

const ROUND_MS = 250;
const dirs = process.argv.slice(2);
const input = createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
console.log("ready");
const goAt = Number((await lines.next()).value);
for (const [round, dir] of dirs.entries()) {
  await new Promise((resolve) => setTimeout(resolve, goAt + round * ROUND_MS - Date.now()));
  try {
    lockDataDir(dir);
    console.log(`${round} locked`);
  } catch (error) {
    console.log(`${round} ${error instanceof DataDirLockedError ? "refused" : `error: ${(error as Error).message}`}`);
  }
}
// Until the test has both processes' answers.
while (!(await lines.next()).done);
