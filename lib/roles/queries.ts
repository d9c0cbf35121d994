import type { Actor } from "@/lib/actor";
import { getDb } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { AREAS, exceeding, toPermissions, type Permissions } from "@/lib/permissions";

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

// A role of the actor's own account that grants nothing beyond the actor's permissions.
export async function roleGrantableBy(actor: Actor, roleId: string) {
  const role = await getDb().role.findFirst({
    where: { id: roleId, accountId: actor.accountId },
    select: { id: true, name: true, builtIn: true, permissions: { select: { area: true, level: true } } },
  });
  if (!role) throw fieldError("roleId", "Choose a role of this account.");
  const over = exceeding(toPermissions(role.permissions), actor.permissions);
  if (over.length > 0) {
    const areas = over.map((area) => AREAS[area].label).join(", ");
    throw new AppError("forbidden", `The role ${role.name} has more access than yours in: ${areas}.`, {
      fieldErrors: { roleId: [`This role has more access than yours in: ${areas}.`] },
    });
  }
  return { id: role.id, name: role.name, builtIn: role.builtIn };
}
