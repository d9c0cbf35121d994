import { fieldError } from "@/lib/errors";
import { keyScopeColumns, type KeyScope } from "@/lib/key-scope";
import type { Tx } from "@/lib/records/kind";

// The columns of a scope being set on a key: each network and group it adds must be one of
// the account's. Ids the key already had stay even when their record is gone (they match
// nothing), so sending a key's scope back unchanged is never refused.
export async function scopeColumns(tx: Tx, accountId: string, scope: KeyScope | null, had: KeyScope | null = null) {
  if (scope) {
    const added = (ids: string[], before: string[] = []) => ids.filter((id) => !before.includes(id));
    const networks = added(scope.networks, had?.networks);
    const groups = added(scope.groups, had?.groups);
    const foundNetworks =
      networks.length === 0
        ? []
        : await tx.network.findMany({ where: { accountId, id: { in: networks } }, select: { id: true } });
    const foundGroups =
      groups.length === 0
        ? []
        : await tx.group.findMany({ where: { accountId, id: { in: groups } }, select: { id: true } });
    if (foundNetworks.length < new Set(networks).size) {
      throw fieldError("scope", "A network of this scope is not in this account.");
    }
    if (foundGroups.length < new Set(groups).size) {
      throw fieldError("scope", "A group of this scope is not in this account.");
    }
  }
  return keyScopeColumns(scope);
}
