import { z } from "zod";
import { getDb } from "@/lib/db";
import type { WifiUser } from "@/lib/generated/prisma/client";
import { isoDate } from "@/lib/validations/common";
import { defineResource, pageArgs } from "./resource";

const fields = {
  username: z
    .string()
    .trim()
    .min(1, "Enter a username.")
    .max(64)
    .regex(/^[A-Za-z0-9._@+-]+$/, "Use letters, digits and . _ @ + - only."),
  fullName: z.string().trim().max(100),
  email: z.email("Enter a valid email address.").nullable(),
  status: z.enum(["enabled", "disabled"]),
};

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  status: z.enum(["enabled", "disabled"]),
  createdAt: isoDate,
  lastSeenAt: isoDate.nullable(),
});

const toOutput = (user: WifiUser): z.infer<typeof userSchema> => ({
  id: user.id,
  username: user.username,
  fullName: user.fullName,
  email: user.email,
  status: user.status === "ENABLED" ? "enabled" : "disabled",
  createdAt: user.createdAt.toISOString(),
  lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
});

const toData = (
  input: Partial<{ username: string; fullName: string; email: string | null; status: "enabled" | "disabled" }>,
) => ({
  username: input.username,
  fullName: input.fullName,
  email: input.email,
  status:
    input.status === undefined ? undefined : input.status === "enabled" ? ("ENABLED" as const) : ("DISABLED" as const),
});

async function findOne(accountId: string, id: string) {
  const row = await getDb().wifiUser.findFirst({ where: { id, accountId } });
  return row && toOutput(row);
}

export const users = defineResource({
  area: "users",
  name: "users",
  singular: "user",
  conflictMessage: "A user with this username already exists.",
  schemas: {
    create: z.strictObject({
      username: fields.username,
      fullName: fields.fullName.default(""),
      email: fields.email.default(null),
      status: fields.status.default("enabled"),
    }),
    update: z.strictObject(fields).partial(),
    output: userSchema,
  },
  async list(accountId, page) {
    const where = { accountId };
    const db = getDb();
    const [rows, total] = await Promise.all([
      db.wifiUser.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], ...pageArgs(page) }),
      db.wifiUser.count({ where }),
    ]);
    return { items: rows.map(toOutput), total };
  },
  get: findOne,
  async create(actor, input) {
    const data = toData(input);
    return toOutput(
      await getDb().wifiUser.create({ data: { ...data, username: input.username, accountId: actor.accountId } }),
    );
  },
  async update(actor, id, input) {
    const { count } = await getDb().wifiUser.updateMany({
      where: { id, accountId: actor.accountId },
      data: toData(input),
    });
    return count ? findOne(actor.accountId, id) : null;
  },
  async remove(actor, id) {
    const { count } = await getDb().wifiUser.deleteMany({ where: { id, accountId: actor.accountId } });
    return count > 0;
  },
});
