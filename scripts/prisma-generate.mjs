// `prisma generate` without network: the CLI insists on a schema engine binary at
// start-up but never runs it for generate, so any existing executable satisfies it.
import { execFileSync } from "node:child_process";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { stdio: "inherit", env });
