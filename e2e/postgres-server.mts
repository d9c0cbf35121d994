// The Playwright server on PostgreSQL: a fresh database with a random name, the portal's
// own server (scripts/serve.mjs, on PORT) on it, and the database dropped again when Playwright stops this process (SIGTERM).
import { spawn } from "node:child_process";
import path from "node:path";
import { createTestDatabase } from "../tests/helpers/postgres";

const port = process.argv[2];
const database = await createTestDatabase();
const child = spawn(process.execPath, ["scripts/serve.mjs"], {
  cwd: path.resolve(import.meta.dirname, ".."),
  env: { ...process.env, PORT: port, DATABASE_URL: database.url },
  stdio: "inherit",
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))]);
    child.kill("SIGKILL");
  }
  await database.drop().catch((error) => console.error(`could not drop ${database.name}:`, error));
  process.exit(code);
}

process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
child.on("exit", (code) => void stop(code ?? 1));
