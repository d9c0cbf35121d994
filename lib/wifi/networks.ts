import { getDb } from "@/lib/db";
import type { Network } from "@/lib/generated/prisma/client";
import { defineKind } from "@/lib/records/kind";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { defineResource } from "@/lib/records/resource";
import { createRecord, deleteRecord, readRecord, updateRecord } from "@/lib/records/write";
import { createNetworkSchema, networkSchema, updateNetworkSchema, type NetworkJson } from "@/lib/validations/wifi";

const toOutput = (network: Network): NetworkJson => ({
  id: network.id,
  name: network.name,
  ssid: network.ssid,
  description: network.description,
  createdAt: network.createdAt.toISOString(),
});

export const networkKind = defineKind<Network>({
  type: "network",
  notFound: "No network with this id.",
  conflict: "A network with this name already exists.",
  load: (tx, accountId, id) => tx.network.findFirst({ where: { id, accountId } }),
  describe: (network) => ({
    id: network.id,
    name: network.name,
    fields: { name: network.name, ssid: network.ssid, description: network.description },
  }),
});

// Oldest first; `q` matches part of the name or SSID.
export const networkList = defineList({
  table: "networks",
  search: ["name", "ssid"],
  sorts: { createdAt: [{ column: "created_at", type: "timestamp(3)" }] },
});

export const networks = defineResource({
  area: "networks",
  name: "networks",
  singular: "network",
  search: { matches: "Part of the name or SSID", label: "Search by name or SSID" },
  schemas: {
    create: createNetworkSchema,
    update: updateNetworkSchema,
    output: networkSchema,
  },
  list: (accountId, query) =>
    readList(
      networkList,
      accountId,
      { ...query, sort: "createdAt", dir: "asc" },
      (ids) => getDb().network.findMany({ where: { accountId, id: { in: ids } } }),
      toOutput,
    ),
  get: async (accountId, id) => toOutput(await readRecord(accountId, networkKind, id)),
  create: async (actor, input) =>
    toOutput(
      await createRecord(actor, networkKind, (tx) =>
        tx.network.create({ data: { ...input, accountId: actor.accountId } }),
      ),
    ),
  update: async (actor, id, input) =>
    toOutput(
      await updateRecord(actor, networkKind, id, async (tx) => {
        await tx.network.update({ where: { id, accountId: actor.accountId }, data: input });
      }),
    ),
  remove: async (actor, id) => {
    await deleteRecord(actor, networkKind, id, async (tx) => {
      await tx.network.delete({ where: { id, accountId: actor.accountId } });
    });
  },
});
