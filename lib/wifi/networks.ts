import type { Actor } from "@/lib/actor";
import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import type { Network } from "@/lib/generated/prisma/client";
import { defineList } from "@/lib/lists/table";
import type { Tx } from "@/lib/records/kind";
import { defineTableResource } from "@/lib/records/resource";
import { assertNetworkInScope } from "@/lib/records/scope";
import { createNetworkSchema, networkSchema, updateNetworkSchema, type NetworkJson } from "@/lib/validations/wifi";

// Oldest first by default; `q` matches part of the name or SSID.
export const networkList = defineList({
  table: "networks",
  search: ["name", "ssid"],
  sorts: {
    createdAt: [{ column: "created_at", type: "timestamp(3)" }],
    name: [{ column: "name", type: "text", collated: true }],
    ssid: [{ column: "ssid", type: "text", collated: true }],
  },
});

export const networks = defineTableResource({
  area: "networks",
  name: "networks",
  singular: "network",
  search: { matches: "Part of the name or SSID", label: "Search by name or SSID" },
  unique: "name",
  schemas: {
    create: createNetworkSchema,
    update: updateNetworkSchema,
    output: networkSchema,
  },
  list: networkList,
  scoped: "network",
  sorts: ["createdAt", "name", "ssid"],
  table: (db) => db.network,
  toOutput: (network: Network): NetworkJson => ({
    id: network.id,
    name: network.name,
    ssid: network.ssid,
    description: network.description,
    createdAt: network.createdAt.toISOString(),
  }),
  describe: (network) => ({
    name: network.name,
    fields: { name: network.name, ssid: network.ssid, description: network.description },
  }),
  createData: (input, accountId) => ({ ...input, accountId }),
});

// A user, group or voucher naming its network: one of the account's, and for a scoped key
// one of its scope (refused like any record outside it, lib/records/scope.ts; whether a
// record without a network stays within the scope, the record writer checks).
export async function checkNetworkOf(tx: Tx, actor: Actor, input: { networkId?: string | null }): Promise<void> {
  if (!input.networkId) return;
  assertNetworkInScope(actor, input.networkId);
  const network = await tx.network.findFirst({
    where: { id: input.networkId, accountId: actor.accountId },
    select: { id: true },
  });
  if (!network) throw fieldError("networkId", "No network with this id in this account.");
}

// What a key's scope can name, by name (the key dialogs' pickers; the key page's names).
export async function scopeChoices(accountId: string) {
  // One statement for both lists: the key pages read them on every render, and each query
  // on the embedded database costs about a millisecond of the page (issue 29).
  const rows = await getDb(accountId).$queryRaw<ScopeRow[]>`
    SELECT * FROM (
      (SELECT 'network' AS kind, id::text AS id, name, NULL::text AS network FROM networks
       WHERE account_id = ${accountId}::uuid ORDER BY name LIMIT 1000)
      UNION ALL
      (SELECT 'group' AS kind, g.id::text, g.name, n.name FROM groups g
       LEFT JOIN networks n ON n.id = g.network_id AND n.account_id = g.account_id
       WHERE g.account_id = ${accountId}::uuid ORDER BY g.name LIMIT 1000)
    ) AS choices ORDER BY kind, name`;
  const of = (kind: ScopeRow["kind"]) => rows.filter((row) => row.kind === kind);
  return {
    networks: of("network").map((network) => ({ value: network.id, label: network.name })),
    groups: of("group").map((group) => ({ value: group.id, label: group.name, note: group.network ?? undefined })),
  };
}

type ScopeRow = { kind: "network" | "group"; id: string; name: string; network: string | null };
