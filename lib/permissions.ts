// The one table of areas and levels. The UI, server actions, route handlers and tests
// all read it; there is no second list anywhere.
export const LEVELS = ["NONE", "READ", "FULL"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = {
  NONE: "No Access",
  READ: "Read Access",
  FULL: "Full Access",
};

// `href` is the area's page in the portal; the sidebar lists the areas in this order.
type AreaDefinition = { label: string; description: string; href: string; maxLevel?: Level };

export const AREAS = {
  users: { label: "Users", description: "People and devices that sign in to the networks.", href: "/users" },
  groups: { label: "Groups", description: "Groups of users and their priorities.", href: "/groups" },
  networks: { label: "Networks", description: "Wi-Fi networks and their SSIDs.", href: "/networks" },
  vouchers: { label: "Vouchers", description: "Guest access codes and their limits.", href: "/vouchers" },
  api_keys: { label: "API Keys", description: "Keys that scripts use to call the API.", href: "/api-keys" },
  roles: { label: "Roles", description: "What each role may do, area by area.", href: "/roles" },
  webhooks: {
    label: "Webhooks",
    description: "Endpoints that receive signed events about keys, members and roles.",
    href: "/webhooks",
  },
  team: { label: "Team", description: "Members who sign in to this portal.", href: "/team" },
  audit_log: {
    label: "Audit Log",
    description: "Who changed what, and when. Read only.",
    href: "/audit-log",
    maxLevel: "READ",
  },
} as const satisfies Record<string, AreaDefinition>;

export type Area = keyof typeof AREAS;
export const AREA_NAMES = Object.keys(AREAS) as Area[];
export type Permissions = Record<Area, Level>;

const RANK: Record<Level, number> = { NONE: 0, READ: 1, FULL: 2 };

// How levels compare: No Access < Read Access < Full Access.
export function levelRank(level: Level): number {
  return RANK[level];
}

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
