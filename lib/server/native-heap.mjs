// glibc's malloc keeps what native code freed (V8's compilers, Next's and Node's buffers,
// zlib, OpenSSL) in its arenas for reuse, however long the process then sits idle: an idle
// embedded server held 110 MB in the main arena of which malloc_trim(0) gave 70 back, and
// 40 more from the other arena (bench/results/README.md, 2026-12-07). Node.js can call it
// through node:ffi (Node.js 26.1 and later, experimental); elsewhere (Node.js 20, musl, a
// permission model without --allow-ffi) there is no trimmer and the memory stays where it is.

/** @typedef {{ dlopen: (path: null, definitions: Record<string, { arguments: string[], return: string }>) => { functions: Record<string, (...args: number[]) => number> } }} Ffi */

/**
 * A function that hands glibc's free memory back to the system, or undefined where it can't.
 * @returns {(() => void) | undefined}
 */
export function nativeHeapTrimmer() {
  try {
    const ffi = /** @type {Ffi | undefined} */ (
      withoutExperimentalWarning(() => process.getBuiltinModule?.("node:ffi"))
    );
    if (!ffi) return undefined;
    const { functions } = withoutExperimentalWarning(() =>
      ffi.dlopen(null, { malloc_trim: { arguments: ["u64"], return: "i32" } }),
    );
    return () => void functions.malloc_trim(0);
  } catch {
    return undefined;
  }
}

// node:ffi warns once that it is experimental; the server's log is for what the operator can
// act on, and this use falls back to nothing if the interface changes.
/**
 * @template T
 * @param {() => T} run
 */
function withoutExperimentalWarning(run) {
  const emitWarning = process.emitWarning;
  process.emitWarning = /** @type {typeof process.emitWarning} */ (
    (warning, ...rest) => {
      const type = typeof rest[0] === "string" ? rest[0] : /** @type {{ type?: string }} */ (rest[0])?.type;
      if (type === "ExperimentalWarning" && String(warning).includes("FFI")) return;
      emitWarning.call(process, warning, .../** @type {[]} */ (rest));
    }
  );
  try {
    return run();
  } finally {
    process.emitWarning = emitWarning;
  }
}
