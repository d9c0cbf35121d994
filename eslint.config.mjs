import fs from "node:fs";
import Module, { createRequire } from "node:module";

// typescript-eslint needs TypeScript's JavaScript API, which TypeScript 7 (the native
// compiler this project builds with) no longer ships. Its parser gets TypeScript 5.9
// (installed as "typescript5"); everything else keeps TypeScript 7.
const require = createRequire(import.meta.url);
const typescript5 = require.resolve("typescript5");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const from = parent?.filename ?? "";
  if (
    request === "typescript" &&
    /[\\/]node_modules[\\/](@typescript-eslint[\\/]|typescript-eslint[\\/]|ts-api-utils[\\/])/.test(from)
  ) {
    return typescript5;
  }
  return resolve.call(this, request, parent, ...rest);
};

const { default: nextVitals } = await import("eslint-config-next/core-web-vitals");
const { default: nextTypescript } = await import("eslint-config-next/typescript");
const { default: boundaries } = await import("eslint-plugin-boundaries");
// eslint-plugin-import parses the files an import leads to with the parser named in
// "import/parsers", which it requires by name from here; typescript-eslint's parser is
// installed only inside eslint-config-next, so import/no-cycle needs its full path.
const typescriptEslint = createRequire(require.resolve("eslint-config-next/typescript")).resolve("typescript-eslint");
const typescriptParser = createRequire(typescriptEslint).resolve("@typescript-eslint/parser");

// The layers of the code, bottom first (lib/README.md says why). A folder may import only
// folders of a lower layer, never one beside it or above it, so no two folders can import
// each other in a loop. "kernel" is lib/http/ and the files directly in lib/.
const LAYERS = [
  ["kernel"],
  ["lib/generated"],
  ["lib/db", "lib/validations"],
  ["lib/lists", "lib/rate-limit", "lib/key-cache", "lib/portal", "lib/outbox"],
  ["lib/audit", "lib/usage", "lib/mail", "lib/events"],
  ["lib/records"],
  ["lib/roles", "lib/notices"],
  ["lib/team", "lib/api-keys"],
  ["lib/auth", "lib/wifi"],
  ["lib/accounts", "lib/webhooks", "lib/sso"],
  ["lib/actions", "lib/api"],
  ["lib/server"],
  ["components"],
  ["app"],
];
const KERNEL_FOLDERS = ["lib/http"];
const layered = new Set([...LAYERS.flat(), ...KERNEL_FOLDERS]);
const unlayered = fs
  .readdirSync(new URL("./lib", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !layered.has(`lib/${entry.name}`));
if (unlayered.length > 0) {
  throw new Error(`lib/${unlayered[0].name} has no layer: add it to LAYERS in eslint.config.mjs (see lib/README.md)`);
}
const layerElements = [
  ...LAYERS.flat()
    .filter((folder) => folder !== "kernel")
    .map((folder) => ({ type: folder, pattern: folder, partialMatch: false })),
  ...KERNEL_FOLDERS.map((folder) => ({ type: "kernel", pattern: folder, partialMatch: false })),
  // Last, so it takes only what no folder above claimed: the files directly in lib/.
  { type: "kernel", pattern: "lib", partialMatch: false },
];
const layerPolicies = LAYERS.flatMap((layer, rank) =>
  layer.map((folder) => ({
    from: { element: { type: folder } },
    // The kernel is one layer in two places: its files and lib/http/ may use each other.
    allow: { to: { element: { types: { anyOf: LAYERS.slice(0, folder === "kernel" ? 1 : rank).flat() } } } },
  })),
);

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      "lib/generated/**",
      "sdk/src/generated/**",
      ".next/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      "bench/peers/*/.next/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["lib/**", "components/**", "app/**"],
    plugins: { boundaries },
    settings: { "boundaries/elements": layerElements },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: layerPolicies,
          message: "{{from.type}} may import only a lower layer, and {{to.type}} is not one (lib/README.md)",
        },
      ],
    },
  },
  {
    // The layers leave the files of one folder free to import each other; not in a loop.
    files: ["lib/**"],
    settings: {
      "import/parsers": { "@typescript-eslint/parser": [], [typescriptParser]: [".ts", ".tsx", ".mts", ".cts"] },
      // Our own files only: following imports into packages and the generated client costs
      // minutes and can't find a loop of ours.
      "import/ignore": ["node_modules", "lib/generated"],
    },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
];
export default config;
