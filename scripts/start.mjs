// npm start: build if the sources changed since the last build, then serve in this
// very process (scripts/serve.mjs), so the server's exit status and signals are npm's:
// no wrapper in between to lose them or leave the server orphaned.
import { buildIfNeeded } from "./build-if-needed.mjs";

await buildIfNeeded();
await import("./serve.mjs");
