import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { KeyScope } from "@/lib/key-scope";

// The one rule for what a scoped key reaches (lib/key-scope.ts), for reads and writes alike:
// - a network: when the scope names it;
// - a group: when the scope names it, or names the group's network;
// - a Wi-Fi user: when the scope names the user's network, or the user is in a group it reaches;
// - a voucher: when the scope names the voucher's network.
// Nothing else belongs to a network or group, so nothing else is reached. A record out of
// scope is not found, exactly like another account's; a create or change that would leave
// the record out of scope is refused (write.ts). The whole account (null) adds no condition.
export type ScopedRecord = "network" | "group" | "user" | "voucher";

// The rule as a Prisma `where`, spread into a query that already names the account and has
// no AND of its own: `{ id, accountId, ...scopeWhere("group", scope) }`.
export function scopeWhere(record: ScopedRecord, scope: KeyScope | null | undefined): { AND?: object[] } {
  return scope ? { AND: [rule(record, scope)] } : {};
}

function rule(record: ScopedRecord, { networks, groups }: KeyScope): object {
  const groupWhere = { OR: [{ id: { in: groups } }, { networkId: { in: networks } }] };
  switch (record) {
    case "network":
      return { id: { in: networks } };
    case "group":
      return groupWhere;
    case "user":
      return { OR: [{ networkId: { in: networks } }, { groups: { some: { group: groupWhere } } }] };
    case "voucher":
      return { networkId: { in: networks } };
  }
}

// The rule as SQL conditions on the record's own table, for the list reader (lib/lists/),
// whose statements already name the account.
export function scopeSql(record: ScopedRecord, scope: KeyScope | null | undefined): Prisma.Sql | undefined {
  if (!scope) return undefined;
  const networks = uuids(scope.networks);
  const groups = uuids(scope.groups);
  switch (record) {
    case "network":
      return Prisma.sql`id = ANY(${networks})`;
    case "group":
      return Prisma.sql`(id = ANY(${groups}) OR network_id = ANY(${networks}))`;
    case "user":
      return Prisma.sql`(network_id = ANY(${networks}) OR id IN (SELECT m.user_id FROM group_members m
        JOIN groups g ON g.id = m.group_id WHERE g.id = ANY(${groups}) OR g.network_id = ANY(${networks})))`;
    case "voucher":
      return Prisma.sql`network_id = ANY(${networks})`;
  }
}

// A scoped key naming a network for a new or changed record: it must be one of its own
// (otherwise the record would be out of its reach). Answered from the scope, without a
// query, and the same for an unknown id as for another network.
export function assertNetworkInScope(actor: Pick<Actor, "scope">, networkId: string | null | undefined): void {
  if (!actor.scope || (networkId && actor.scope.networks.includes(networkId))) return;
  throw outOfScope();
}

export function outOfScope(): AppError {
  return new AppError(
    "forbidden",
    "This key is scoped to chosen networks and groups, and this record would be outside them.",
  );
}

// An array parameter both drivers pass alike (as the list reader does with ids).
const uuids = (ids: string[]) => Prisma.sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;
