import { getDb } from "@/lib/db";
import type { WifiUser } from "@/lib/generated/prisma/client";
import { defineKind } from "@/lib/records/kind";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { defineResource } from "@/lib/records/resource";
import { createRecord, deleteRecord, readRecord, updateRecord } from "@/lib/records/write";
import { createUserSchema, updateUserSchema, userSchema, type UserJson } from "@/lib/validations/wifi";

const toOutput = (user: WifiUser): UserJson => ({
  id: user.id,
  username: user.username,
  fullName: user.fullName,
  email: user.email,
  status: user.status === "ENABLED" ? "enabled" : "disabled",
  createdAt: user.createdAt.toISOString(),
  lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
});

type UserInput = Partial<{ username: string; fullName: string; email: string | null; status: "enabled" | "disabled" }>;

const toData = (input: UserInput) => ({
  username: input.username,
  fullName: input.fullName,
  email: input.email,
  status:
    input.status === undefined ? undefined : input.status === "enabled" ? ("ENABLED" as const) : ("DISABLED" as const),
});

export const userKind = defineKind<WifiUser>({
  type: "user",
  notFound: "No user with this id.",
  conflict: "A user with this username already exists.",
  load: (tx, accountId, id) => tx.wifiUser.findFirst({ where: { id, accountId } }),
  describe: (user) => {
    const { id, createdAt: _createdAt, lastSeenAt: _lastSeenAt, ...rest } = toOutput(user);
    return { id, name: user.username, fields: rest };
  },
});

// Oldest first; `q` matches part of the username, full name or email.
export const userList = defineList({
  table: "wifi_users",
  search: ["username", "full_name", "email"],
  sorts: { createdAt: [{ column: "created_at", type: "timestamp(3)" }] },
});

export const users = defineResource({
  area: "users",
  name: "users",
  singular: "user",
  search: { matches: "Part of the username, full name or email", label: "Search by username, name or email" },
  schemas: {
    create: createUserSchema,
    update: updateUserSchema,
    output: userSchema,
  },
  list: (accountId, query) =>
    readList(
      userList,
      accountId,
      { ...query, sort: "createdAt", dir: "asc" },
      (ids) => getDb().wifiUser.findMany({ where: { accountId, id: { in: ids } } }),
      toOutput,
    ),
  get: async (accountId, id) => toOutput(await readRecord(accountId, userKind, id)),
  create: async (actor, input) =>
    toOutput(
      await createRecord(actor, userKind, (tx) =>
        tx.wifiUser.create({ data: { ...toData(input), username: input.username, accountId: actor.accountId } }),
      ),
    ),
  update: async (actor, id, input) =>
    toOutput(
      await updateRecord(actor, userKind, id, async (tx) => {
        await tx.wifiUser.update({ where: { id, accountId: actor.accountId }, data: toData(input) });
      }),
    ),
  remove: async (actor, id) => {
    await deleteRecord(actor, userKind, id, async (tx) => {
      await tx.wifiUser.delete({ where: { id, accountId: actor.accountId } });
    });
  },
});
