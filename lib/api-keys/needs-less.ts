import type { Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { processSingleton } from "@/lib/process-singleton";
import { AppError } from "@/lib/errors";
import {
  allows,
  allPermissions,
  AREA_NAMES,
  AREAS,
  LEVEL_LABELS,
  levelRank,
  type Area,
  type Level,
  type Permissions,
} from "@/lib/permissions";
import { listRoles } from "@/lib/roles/queries";
import { roles } from "@/lib/roles/roles";
import { operationsUsed } from "@/lib/usage/operations-used";
import { updateApiKey } from "./manage";

export const NEEDS_LESS_DAYS = 30;

// Which area and level an operation needs. The endpoint table knows (lib/api, above this
// layer): the server's start hands its lookup in (lib/server/lifecycle.ts).
export type AccessOf = (operation: string) => { area: Area; level: Level } | null;
const lookup = processSingleton<{ accessOf?: AccessOf }>("operationAccess", () => ({}));

export function setOperationAccess(accessOf: AccessOf): void {
  lookup.accessOf = accessOf;
}

function accessOf(operation: string) {
  if (!lookup.accessOf) throw new Error("The operation lookup is handed in at the server's start.");
  return lookup.accessOf(operation);
}

export type NeedsLess = {
  requests: number;
  role: { id: string; name: string; permissions: Permissions };
  // The levels the key used, each at most what its role grants (a forbidden request counts for nothing).
  used: Permissions;
  // The role grants more than `used` somewhere.
  narrower: boolean;
  // A role of the account with exactly `used`, to move the key to instead of creating one.
  match: { id: string; name: string } | null;
  proposedName: string;
};

// "This key needs less": from the last 30 days of its usage, the narrowest role covering
// what the key did, compared with the role it has.
export async function needsLessOf(accountId: string, keyId: string): Promise<NeedsLess> {
  const key = await getDb().apiKey.findFirst({
    where: { keyId, accountId, deletedAt: null },
    select: { id: true, name: true, roleId: true },
  });
  if (!key?.roleId) throw new AppError("not_found", "No API key with this Key ID.");
  const since = new Date(now().getTime() - NEEDS_LESS_DAYS * 24 * 3600 * 1000);
  const [operations, accountRoles] = await Promise.all([
    operationsUsed(accountId, key.id, since),
    listRoles(accountId),
  ]);
  const role = accountRoles.find((candidate) => candidate.id === key.roleId);
  if (!role) throw new AppError("not_found", "No API key with this Key ID.");
  const used = allPermissions("NONE");
  for (const { operation } of operations) {
    const access = accessOf(operation);
    if (!access) continue;
    const level =
      levelRank(access.level) > levelRank(role.permissions[access.area]) ? role.permissions[access.area] : access.level;
    if (levelRank(level) > levelRank(used[access.area])) used[access.area] = level;
  }
  const narrower = AREA_NAMES.some((area) => levelRank(role.permissions[area]) > levelRank(used[area]));
  const match = accountRoles.find((candidate) =>
    AREA_NAMES.every((area) => candidate.permissions[area] === used[area]),
  );
  return {
    requests: operations.reduce((sum, row) => sum + row.requests, 0),
    role: { id: role.id, name: role.name, permissions: role.permissions },
    used,
    narrower,
    match: match ? { id: match.id, name: match.name } : null,
    proposedName: roleNameFor(used, key.name),
  };
}

// "Users: Read, Groups: Full"; a key name when that is too long for a role name.
function roleNameFor(permissions: Permissions, keyName: string): string {
  const parts = AREA_NAMES.filter((area) => permissions[area] !== "NONE").map(
    (area) => `${AREAS[area].label}: ${LEVEL_LABELS[permissions[area]].replace(" Access", "")}`,
  );
  const name = parts.length === 0 ? "No Access" : parts.join(", ");
  return name.length <= 56 ? name : `Needs of ${keyName}`.slice(0, 56);
}

// One click: moves the key to the proposed role, an existing equal one or one created now.
// Both writes go through the record layer (audited; nobody grants more than they hold).
export async function narrowKeyRole(
  actor: Actor,
  keyId: string,
): Promise<{ role: { id: string; name: string }; created: boolean }> {
  const proposal = await needsLessOf(actor.accountId, keyId);
  if (!proposal.narrower) throw new AppError("conflict", "This key's role grants no more than the key used.");
  if (proposal.match) {
    await updateApiKey(actor, keyId, { roleId: proposal.match.id });
    return { role: proposal.match, created: false };
  }
  if (!allows(actor.permissions, "roles", "FULL")) {
    throw new AppError("forbidden", "Creating the narrower role needs Full Access to Roles.");
  }
  const role = await roles.create(actor, {
    name: await freeRoleName(actor.accountId, proposal.proposedName),
    permissions: proposal.used,
  });
  await updateApiKey(actor, keyId, { roleId: role.id });
  return { role: { id: role.id, name: role.name }, created: true };
}

// Role names are unique without regard to case: "Users: Read", then "Users: Read 2", …
async function freeRoleName(accountId: string, name: string): Promise<string> {
  const taken = new Set(
    (await getDb().role.findMany({ where: { accountId, name: { startsWith: name } }, select: { name: true } })).map(
      (role) => role.name.toLowerCase(),
    ),
  );
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name} ${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
