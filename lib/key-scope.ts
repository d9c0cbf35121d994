// A key's per-record scope: the networks and groups it may reach (and the Wi-Fi users and
// vouchers that belong to them, lib/records/scope.ts says how). null: the whole account.
// Cached with the key in its actor, so checking it costs no query. Ids of networks or
// groups deleted since stay in the scope and match nothing: an emptied scope reaches
// nothing, never everything.
export type KeyScope = { networks: string[]; groups: string[] };

export const keyScopeSelect = { scoped: true, scopeNetworkIds: true, scopeGroupIds: true } as const;

export type KeyScopeRow = { scoped: boolean; scopeNetworkIds: string[]; scopeGroupIds: string[] };

export function toKeyScope(row: KeyScopeRow): KeyScope | null {
  return row.scoped ? { networks: row.scopeNetworkIds, groups: row.scopeGroupIds } : null;
}

export function keyScopeColumns(scope: KeyScope | null): KeyScopeRow {
  return scope
    ? { scoped: true, scopeNetworkIds: unique(scope.networks), scopeGroupIds: unique(scope.groups) }
    : { scoped: false, scopeNetworkIds: [], scopeGroupIds: [] };
}

// Whether `inner` reaches nothing `outer` doesn't: the whole account is within only the
// whole account; a scope is within another when each of its networks and groups is named
// there too.
export function scopeWithin(inner: KeyScope | null, outer: KeyScope | null): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  return (
    inner.networks.every((id) => outer.networks.includes(id)) && inner.groups.every((id) => outer.groups.includes(id))
  );
}

const unique = (ids: string[]) => [...new Set(ids)];
