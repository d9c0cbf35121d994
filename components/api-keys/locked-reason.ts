import type { RoleChoice } from "@/components/roles/role-options";
import type { KeyRow } from "./types";

// Why this member may not change the key, or undefined when they may.
export function keyLockedReason(row: KeyRow, roles: RoleChoice[], canWrite: boolean): string | undefined {
  if (!canWrite) return "Your role has Read Access to API Keys, so you can't change keys.";
  const role = roles.find((choice) => choice.id === row.role.id);
  if (role && !role.grantable)
    return `This key's role (${row.role.name}) has more access than yours, so you can't change it.`;
  return undefined;
}
