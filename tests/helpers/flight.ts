// Just enough of React's Flight format to read a server action's result and a page's
// props in tests: rows are `<hex id>:<JSON>`; other row kinds are skipped.
export function parseFlightRows(text: string): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (!match) continue;
    try {
      rows.set(match[1], JSON.parse(match[2]));
    } catch {
      // module, hint and text rows
    }
  }
  return rows;
}

// The value a server action returned: row 0 is { a: "$@<row>" }.
export function actionResult<T>(text: string): T {
  const rows = parseFlightRows(text);
  const root = rows.get("0") as { a?: unknown } | undefined;
  if (!root || root.a === undefined) throw new Error(`no action result in response:\n${text.slice(0, 500)}`);
  const ref = root.a;
  if (typeof ref === "string" && ref.startsWith("$@")) return rows.get(ref.slice(2)) as T;
  return ref as T;
}

// The first value stored under `key` anywhere in the payload.
export function findProp<T>(text: string, key: string): T | undefined {
  const seen = new Set<unknown>();
  function search(value: unknown): unknown {
    if (!value || typeof value !== "object" || seen.has(value)) return undefined;
    seen.add(value);
    if (!Array.isArray(value) && key in value) return (value as Record<string, unknown>)[key];
    for (const child of Object.values(value)) {
      const found = search(child);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const row of parseFlightRows(text).values()) {
    const found = search(row);
    if (found !== undefined) return found as T;
  }
  return undefined;
}
