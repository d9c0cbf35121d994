#!/usr/bin/env node
// The wisp command (src/cli/main.ts). The package ships TypeScript: tsx runs it.
import { tsImport } from "tsx/esm/api";

const { run } = await tsImport("../src/cli/main.ts", import.meta.url);
process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
