import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { toPermissions, type Permissions } from "@/lib/permissions";
import type { Tx } from "@/lib/records/kind";

export type RoleOption = { id: string; name: string; builtIn: boolean; permissions: Permissions };

export async function listRoles(accountId: string): Promise<RoleOption[]> {
  const roles = await getDb().role.findMany({
    where: { accountId },
    orderBy: [{ builtIn: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    select: { id: true, name: true, builtIn: true, permissions: { select: { area: true, level: true } } },
  });
  return roles.map((role) => ({
    id: role.id,
    name: role.name,
    builtIn: role.builtIn !== null,
    permissions: toPermissions(role.permissions),
  }));
}

// A role of this account to give to a key or member, or a field error on `roleId`.
// Whether the actor may give it is the access rule's business (records/hierarchy.ts).
export async function roleOfAccount(tx: Tx, accountId: string, roleId: string) {
  const role = await tx.role.findFirst({ where: { id: roleId, accountId }, select: { id: true, builtIn: true } });
  if (!role) throw fieldError("roleId", "Choose a role of this account.");
  return role;
}

// The same, with the account's maximum key lifetime read in the same query (a new key
// needs both; under load each round trip waits for a turn of a busy event loop).
export async function keyRoleOfAccount(tx: Tx, accountId: string, roleId: string) {
  const role = await tx.role.findFirst({
    where: { id: roleId, accountId },
    select: { id: true, account: { select: { maxKeyLifetimeDays: true } } },
  });
  if (!role) throw fieldError("roleId", "Choose a role of this account.");
  return { id: role.id, maxKeyLifetimeDays: role.account.maxKeyLifetimeDays };
}
