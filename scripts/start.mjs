// npm start: build if the sources changed since the last build, then serve in this
// very process (scripts/serve.mjs), so the server's exit status and signals are npm's:
// no wrapper in between to lose them or leave the server orphaned.
import { settingsOrExit } from "../lib/settings.mjs";
import { buildIfNeeded } from "./build-if-needed.mjs";

// A bad setting stops the start before a build can take its time (serve.mjs checks again).
settingsOrExit();
await buildIfNeeded();
await import("./serve.mjs");
