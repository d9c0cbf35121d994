import type { Actor } from "@/lib/actor";
import { AppError, fieldError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { defineList } from "@/lib/lists/table";
import { defineTableResource } from "@/lib/records/resource";
import { scopeWhere } from "@/lib/records/scope";
import { updateRecord } from "@/lib/records/write";
import {
  createGroupSchema,
  groupSchema,
  updateGroupSchema,
  type GroupJson,
  type GroupMemberInput,
} from "@/lib/validations/wifi";
import { checkNetworkOf } from "./networks";

const select = {
  id: true,
  name: true,
  description: true,
  networkId: true,
  createdAt: true,
  members: {
    select: { userId: true, priority: true, user: { select: { username: true } } },
    orderBy: { priority: "asc" },
  },
} satisfies Prisma.GroupSelect;

type Row = Prisma.GroupGetPayload<{ select: typeof select }>;

const toOutput = (group: Row): GroupJson => ({
  id: group.id,
  name: group.name,
  description: group.description,
  networkId: group.networkId,
  createdAt: group.createdAt.toISOString(),
  members: group.members.map((member) => ({
    userId: member.userId,
    username: member.user.username,
    priority: member.priority,
  })),
});

// Oldest first by default; `q` matches part of the name.
export const groupList = defineList({
  table: "groups",
  search: ["name"],
  sorts: {
    createdAt: [{ column: "created_at", type: "timestamp(3)" }],
    name: [{ column: "name", type: "text", collated: true }],
  },
});

export const groups = defineTableResource({
  area: "groups",
  name: "groups",
  singular: "group",
  search: { matches: "Part of the name", label: "Search by name" },
  unique: "name",
  schemas: {
    create: createGroupSchema,
    update: updateGroupSchema,
    output: groupSchema,
  },
  list: groupList,
  scoped: "group",
  check: checkNetworkOf,
  sorts: ["createdAt", "name"],
  table: (db) => db.group,
  select,
  toOutput,
  // Each member is a field ("members.alice": priority), so a membership change shows as one.
  describe: (group) => ({
    name: group.name,
    fields: {
      name: group.name,
      description: group.description,
      networkId: group.networkId,
      ...Object.fromEntries(group.members.map((member) => [`members.${member.user.username}`, member.priority])),
    },
  }),
  createData: (input, accountId) => ({ ...input, accountId }),
});

// Adds a user to a group, or changes the priority of one already in it.
export async function addGroupMember(actor: Actor, groupId: string, input: GroupMemberInput) {
  const group = await updateRecord(
    actor,
    groups.kind,
    groupId,
    async (tx) => {
      // A scoped key adds only users it reaches: adding one would bring it into the scope.
      const user = await tx.wifiUser.findFirst({
        where: { id: input.userId, accountId: actor.accountId, ...scopeWhere("user", actor.scope) },
        select: { id: true },
      });
      if (!user) throw fieldError("userId", "No user with this id in this account.");
      await tx.groupMember.upsert({
        where: { groupId_userId: { groupId, userId: input.userId } },
        create: { groupId, userId: input.userId, priority: input.priority },
        update: { priority: input.priority },
      });
    },
    { action: "group.member_add" },
  );
  return toOutput(group);
}

export async function removeGroupMember(actor: Actor, groupId: string, userId: string): Promise<void> {
  await updateRecord(
    actor,
    groups.kind,
    groupId,
    async (tx, group) => {
      if (!group.members.some((member) => member.userId === userId)) {
        throw new AppError("not_found", "This user is not in the group.");
      }
      await tx.groupMember.delete({ where: { groupId_userId: { groupId, userId } } });
    },
    { action: "group.member_remove" },
  );
}
