#!/usr/bin/env node
// The wisp command (src/cli/main.ts). The package ships TypeScript: tsx runs it.
import { tsImport } from "tsx/esm/api";

const { run } = await tsImport("../src/cli/main.ts", import.meta.url);
const code = await run(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
// Done: a request abandoned at its timeout must not hold the process open (the timer
// itself holds nothing).
setTimeout(() => process.exit(code), 1000).unref();
