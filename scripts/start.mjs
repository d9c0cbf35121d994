// npm start: build if the sources changed since the last build, then serve.
// Migrations are applied by the server itself as it starts (instrumentation.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed.mjs";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const port = process.env.PORT ?? "3000";

buildIfNeeded();
console.log(`\nWisp Portal: http://localhost:${port}\n`);
const server = spawn(process.execPath, [next, "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
