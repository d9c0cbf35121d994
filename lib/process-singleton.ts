// One value per process, whichever copy of a module asks: route handlers, pages and the
// front door load their own copies of lib/ modules, so a module-level variable would be
// one per copy. Keyed by Symbol.for("wisp." + name): scripts/serve.mjs reads "wisp.lifecycle".
export function processSingleton<T>(name: string, create: () => T): T {
  const slots = globalThis as unknown as Record<symbol, T | undefined>;
  return (slots[Symbol.for(`wisp.${name}`)] ??= create());
}
