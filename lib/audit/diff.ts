// The fields that changed, as { field: { from, to } }; null when nothing did.
// Fields are plain values described by each record kind: never a secret, hash or password.
export type Changes = Record<string, { from: unknown; to: unknown }>;
export type Fields = Record<string, unknown>;

export function diff(before: Fields | null, after: Fields | null): Changes | null {
  const changes: Changes = {};
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const name of names) {
    const from = before?.[name] ?? null;
    const to = after?.[name] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[name] = { from, to };
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
