import { z } from "zod";
import { getDb } from "@/lib/db";
import type { Network } from "@/lib/generated/prisma/client";
import { isoDate } from "@/lib/validations/common";
import { defineResource, pageArgs } from "./resource";

const fields = {
  name: z.string().trim().min(1, "Enter a name.").max(100),
  ssid: z.string().min(1, "Enter an SSID.").max(32, "An SSID has at most 32 characters."),
  description: z.string().trim().max(500),
};

export const networkSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  ssid: z.string(),
  description: z.string(),
  createdAt: isoDate,
});

const toOutput = (network: Network): z.infer<typeof networkSchema> => ({
  id: network.id,
  name: network.name,
  ssid: network.ssid,
  description: network.description,
  createdAt: network.createdAt.toISOString(),
});

async function findOne(accountId: string, id: string) {
  const row = await getDb().network.findFirst({ where: { id, accountId } });
  return row && toOutput(row);
}

export const networks = defineResource({
  area: "networks",
  name: "networks",
  singular: "network",
  conflictMessage: "A network with this name already exists.",
  schemas: {
    create: z.strictObject({ ...fields, description: fields.description.default("") }),
    update: z.strictObject(fields).partial(),
    output: networkSchema,
  },
  async list(accountId, page) {
    const where = { accountId };
    const db = getDb();
    const [rows, total] = await Promise.all([
      db.network.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], ...pageArgs(page) }),
      db.network.count({ where }),
    ]);
    return { items: rows.map(toOutput), total };
  },
  get: findOne,
  async create(actor, input) {
    return toOutput(await getDb().network.create({ data: { ...input, accountId: actor.accountId } }));
  },
  async update(actor, id, input) {
    const { count } = await getDb().network.updateMany({ where: { id, accountId: actor.accountId }, data: input });
    return count ? findOne(actor.accountId, id) : null;
  },
  async remove(actor, id) {
    const { count } = await getDb().network.deleteMany({ where: { id, accountId: actor.accountId } });
    return count > 0;
  },
});
