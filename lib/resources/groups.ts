import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isoDate } from "@/lib/validations/common";
import { defineResource, pageArgs } from "./resource";

const fields = {
  name: z.string().trim().min(1, "Enter a name.").max(100),
  description: z.string().trim().max(500),
};

export const groupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  createdAt: isoDate,
  members: z.array(z.object({ userId: z.uuid(), username: z.string(), priority: z.number().int() })),
});

export const groupMemberInputSchema = z.strictObject({
  userId: z.uuid("Send the id of a user of this account."),
  priority: z.coerce.number().int().min(1, "Priority is 1 to 10.").max(10, "Priority is 1 to 10.").default(5),
});

const select = {
  id: true,
  name: true,
  description: true,
  createdAt: true,
  members: {
    select: { userId: true, priority: true, user: { select: { username: true } } },
    orderBy: { priority: "asc" as const },
  },
};

type Row = {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  members: { userId: string; priority: number; user: { username: string } }[];
};

const toOutput = (group: Row): z.infer<typeof groupSchema> => ({
  id: group.id,
  name: group.name,
  description: group.description,
  createdAt: group.createdAt.toISOString(),
  members: group.members.map((member) => ({
    userId: member.userId,
    username: member.user.username,
    priority: member.priority,
  })),
});

async function findOne(accountId: string, id: string) {
  const row = await getDb().group.findFirst({ where: { id, accountId }, select });
  return row && toOutput(row);
}

export const groups = defineResource({
  area: "groups",
  name: "groups",
  singular: "group",
  conflictMessage: "A group with this name already exists.",
  schemas: {
    create: z.strictObject({ ...fields, description: fields.description.default("") }),
    update: z.strictObject(fields).partial(),
    output: groupSchema,
  },
  async list(accountId, page) {
    const where = { accountId };
    const db = getDb();
    const [rows, total] = await Promise.all([
      db.group.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select, ...pageArgs(page) }),
      db.group.count({ where }),
    ]);
    return { items: rows.map(toOutput), total };
  },
  get: findOne,
  async create(actor, input) {
    return toOutput(await getDb().group.create({ data: { ...input, accountId: actor.accountId }, select }));
  },
  async update(actor, id, input) {
    const { count } = await getDb().group.updateMany({ where: { id, accountId: actor.accountId }, data: input });
    return count ? findOne(actor.accountId, id) : null;
  },
  async remove(actor, id) {
    const { count } = await getDb().group.deleteMany({ where: { id, accountId: actor.accountId } });
    return count > 0;
  },
});

// Adds a user to a group, or changes the priority of one already in it.
export async function addGroupMember(
  accountId: string,
  groupId: string,
  input: z.infer<typeof groupMemberInputSchema>,
) {
  const db = getDb();
  const [group, user] = await Promise.all([
    db.group.findFirst({ where: { id: groupId, accountId }, select: { id: true } }),
    db.wifiUser.findFirst({ where: { id: input.userId, accountId }, select: { id: true } }),
  ]);
  if (!group) throw new AppError("not_found", "No group with this id.");
  if (!user)
    throw new AppError("validation_failed", "No user with this id in this account.", {
      fieldErrors: { userId: ["No user with this id in this account."] },
    });
  await db.groupMember.upsert({
    where: { groupId_userId: { groupId, userId: input.userId } },
    create: { groupId, userId: input.userId, priority: input.priority },
    update: { priority: input.priority },
  });
  return groups.get(accountId, groupId);
}

export async function removeGroupMember(accountId: string, groupId: string, userId: string): Promise<boolean> {
  const { count } = await getDb().groupMember.deleteMany({ where: { groupId, userId, group: { accountId } } });
  return count > 0;
}
