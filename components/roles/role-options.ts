import type { SelectOption } from "@/components/ui/select";
import { exceeding, type Permissions } from "@/lib/permissions";

// A role of the account as the key and member dialogs offer it: `grantable` when it
// allows no more than the viewer's own role.
export type RoleChoice = { id: string; name: string; permissions: Permissions; grantable: boolean };

export function roleChoices(
  roles: { id: string; name: string; permissions: Permissions }[],
  own: Permissions,
): RoleChoice[] {
  return roles.map((role) => ({
    id: role.id,
    name: role.name,
    permissions: role.permissions,
    grantable: exceeding(role.permissions, own).length === 0,
  }));
}

// Role choices for a Select: roles above the user's own are listed but can't be chosen,
// except `current`, the role a record already has.
export function roleOptions(roles: RoleChoice[], current?: string): SelectOption[] {
  return roles.map((role) => {
    const allowed = role.grantable || role.id === current;
    return {
      value: role.id,
      label: role.name,
      disabled: !allowed,
      note: allowed ? undefined : "more access than yours",
    };
  });
}
