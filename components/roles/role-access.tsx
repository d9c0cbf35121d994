import { AREA_NAMES, AREAS, LEVEL_LABELS, maxLevelOf, type Level, type Permissions } from "@/lib/permissions";

// A role's levels in one line for the Roles table: "Full Access everywhere", or the areas
// per level ("Full: Users, Vouchers · Read: Audit Log"). The whole list is its title.
export function accessSummary(permissions: Permissions): string {
  if (AREA_NAMES.every((area) => permissions[area] === maxLevelOf(area))) return "Full Access everywhere";
  if (AREA_NAMES.every((area) => permissions[area] === "NONE")) return "No Access anywhere";
  if (AREA_NAMES.every((area) => permissions[area] === "READ")) return "Read Access everywhere";
  const areasAt = (level: Level) => AREA_NAMES.filter((area) => permissions[area] === level).map((a) => AREAS[a].label);
  return [
    ["Full", areasAt("FULL")],
    ["Read", areasAt("READ")],
  ]
    .filter(([, areas]) => areas.length > 0)
    .map(([label, areas]) => `${label}: ${(areas as string[]).join(", ")}`)
    .join(" · ");
}

export function RoleAccess({ permissions }: { permissions: Permissions }) {
  const summary = accessSummary(permissions);
  const full = AREA_NAMES.map((area) => `${AREAS[area].label}: ${LEVEL_LABELS[permissions[area]]}`).join("\n");
  return (
    <span className="block truncate text-muted-foreground" title={full}>
      {summary}
    </span>
  );
}
