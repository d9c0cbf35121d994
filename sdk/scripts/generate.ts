// Writes the SDK's types, sdk/src/generated/schema.ts, from the portal's own endpoint table
// (the document GET /api/v1/openapi.json serves), no server needed. `--check` writes
// nothing and exits 1 if the committed file differs: npm test runs it, so a change to the
// API without `npm run sdk:generate` fails. Run from the repository root (npm run sdk:generate,
// npm run sdk:check); the portal's modules import "server-only", hence --conditions=react-server.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "../../lib/api/openapi";
import { schemaTypes } from "./schema-types.js";

const file = path.resolve(import.meta.dirname, "../src/generated/schema.ts");
const types = await schemaTypes(openApiDocument());

if (!process.argv.includes("--check")) {
  writeFileSync(file, types);
  console.log("Wrote sdk/src/generated/schema.ts.");
} else if (read(file) === types) {
  console.log("sdk/src/generated/schema.ts matches the API.");
} else {
  console.error("sdk/src/generated/schema.ts is stale against the API (lib/api/endpoints.ts):");
  console.error("run `npm run sdk:generate` and commit the result.");
  process.exit(1);
}

function read(name: string): string | null {
  try {
    return readFileSync(name, "utf8");
  } catch {
    return null;
  }
}
