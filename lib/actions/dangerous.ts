import "server-only";
import { getDb } from "@/lib/db";
import type { Permissions } from "@/lib/permissions";

// Which keys are dangerous to mint: those whose role has Full access to API keys, roles or
// the team (they can make more keys, or raise anyone's access). Creating or rolling one
// asks for a fresh proof of identity (lib/auth/step-up.ts). An unknown role or key is not
// dangerous here: the action itself then answers not-found.
const POWER_AREAS = ["api_keys", "roles", "team"] as const;

async function roleIsPowerful(accountId: string, roleId: string | null | undefined): Promise<boolean> {
  if (!roleId) return false;
  const role = await getDb().role.findFirst({
    where: { id: roleId, accountId },
    select: { permissions: { where: { area: { in: [...POWER_AREAS] }, level: "FULL" }, select: { area: true } } },
  });
  return (role?.permissions.length ?? 0) > 0;
}

export function isPowerfulRole(accountId: string, roleId: string): Promise<boolean> {
  return roleIsPowerful(accountId, roleId);
}

export async function isPowerfulKey(accountId: string, keyId: string): Promise<boolean> {
  const key = await getDb().apiKey.findFirst({ where: { keyId, accountId }, select: { roleId: true } });
  return roleIsPowerful(accountId, key?.roleId);
}

// The same rule for a role not yet created (the "needs less" proposal).
export function isPowerfulPermissions(permissions: Permissions): boolean {
  return POWER_AREAS.some((area) => permissions[area] === "FULL");
}
