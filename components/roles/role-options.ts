import type { SelectOption } from "@/components/ui/select";

// Role choices for a Select: roles above the user's own are listed but can't be chosen,
// except `current`, the role a record already has.
export function roleOptions(
  roles: { id: string; name: string; grantable: boolean }[],
  current?: string,
): SelectOption[] {
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
