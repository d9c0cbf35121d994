import type { Network } from "@/lib/generated/prisma/client";
import { defineList } from "@/lib/lists/table";
import { defineTableResource } from "@/lib/records/resource";
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
