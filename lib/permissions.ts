// The one table of areas and levels. The UI, server actions, route handlers and tests
// all read it; there is no second list anywhere.
export const LEVELS = ["NONE", "READ", "FULL"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = {
  NONE: "No Access",
  READ: "Read Access",
  FULL: "Full Access",
};

type AreaDefinition = { label: string; description: string; maxLevel?: Level };

export const AREAS = {
  users: { label: "Users", description: "People and devices that sign in to the networks." },
  groups: { label: "Groups", description: "Groups of users and their priorities." },
  networks: { label: "Networks", description: "Wi-Fi networks and their SSIDs." },
  vouchers: { label: "Vouchers", description: "Guest access codes and their limits." },
  api_keys: { label: "API Keys", description: "Keys that scripts use to call the API." },
  roles: { label: "Roles", description: "What each role may do, area by area." },
  team: { label: "Team", description: "Members who sign in to this portal." },
  audit_log: { label: "Audit Log", description: "Who changed what, and when. Read only.", maxLevel: "READ" },
} as const satisfies Record<string, AreaDefinition>;

export type Area = keyof typeof AREAS;
export const AREA_NAMES = Object.keys(AREAS) as Area[];
export type Permissions = Record<Area, Level>;

const RANK: Record<Level, number> = { NONE: 0, READ: 1, FULL: 2 };

export function maxLevelOf(area: Area): Level {
  const definition: AreaDefinition = AREAS[area];
  return definition.maxLevel ?? "FULL";
}

export function allPermissions(level: Level): Permissions {
  return Object.fromEntries(
    AREA_NAMES.map((area) => [area, RANK[level] > RANK[maxLevelOf(area)] ? maxLevelOf(area) : level]),
  ) as Permissions;
}

// Rows from role_permissions; a missing area means No Access.
export function toPermissions(rows: { area: string; level: Level }[]): Permissions {
  const permissions = allPermissions("NONE");
  for (const row of rows) if (row.area in AREAS) permissions[row.area as Area] = row.level;
  return permissions;
}

// GET and HEAD read; every other method writes.
export function levelForMethod(method: string): Level {
  return method === "GET" || method === "HEAD" ? "READ" : "FULL";
}

export function allows(permissions: Permissions, area: Area, needed: Level): boolean {
  return RANK[permissions[area]] >= RANK[needed];
}

// The areas where `requested` goes beyond `own`: nobody grants more than they hold.
export function exceeding(requested: Permissions, own: Permissions): Area[] {
  return AREA_NAMES.filter((area) => RANK[requested[area]] > RANK[own[area]]);
}
