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

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      "lib/generated/**",
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
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
];
export default config;
