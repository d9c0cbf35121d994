import { z } from "zod";

// Runs in the browser before the app's own modules. zod compiles object parsers with
// `new Function` where it may; the portal's CSP allows no eval, and zod's probe for it
// alone is reported as a violation. So the browser parses without it.
z.config({ jitless: true });
