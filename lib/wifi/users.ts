import type { WifiUser } from "@/lib/generated/prisma/client";
import { defineList } from "@/lib/lists/table";
import { defineTableResource } from "@/lib/records/resource";
import { checkNetworkOf } from "./networks";
import { createUserSchema, updateUserSchema, userSchema, type UserJson } from "@/lib/validations/wifi";

const toOutput = (user: WifiUser): UserJson => ({
  id: user.id,
  username: user.username,
  fullName: user.fullName,
  email: user.email,
  status: user.status === "ENABLED" ? "enabled" : "disabled",
  createdAt: user.createdAt.toISOString(),
  lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
  networkId: user.networkId,
});

type UserInput = Partial<{
  username: string;
  fullName: string;
  email: string | null;
  status: "enabled" | "disabled";
  networkId: string | null;
}>;

const toData = (input: UserInput) => ({
  username: input.username,
  fullName: input.fullName,
  email: input.email,
  networkId: input.networkId,
  status:
    input.status === undefined ? undefined : input.status === "enabled" ? ("ENABLED" as const) : ("DISABLED" as const),
});

// Oldest first by default; `q` matches part of the username, full name or email. Names
// sort by the Unicode collation (lib/lists/table.ts); users without an email come last.
export const userList = defineList({
  table: "wifi_users",
  search: ["username", "full_name", "email"],
  sorts: {
    createdAt: [{ column: "created_at", type: "timestamp(3)" }],
    username: [{ column: "username", type: "text", collated: true }],
    fullName: [{ column: "full_name", type: "text", collated: true }],
    email: [{ column: "email", type: "text", collated: true, nulls: "last" }],
  },
});

export const users = defineTableResource({
  area: "users",
  name: "users",
  singular: "user",
  search: { matches: "Part of the username, full name or email", label: "Search by username, name or email" },
  unique: "username",
  schemas: {
    create: createUserSchema,
    update: updateUserSchema,
    output: userSchema,
  },
  list: userList,
  scoped: "user",
  check: checkNetworkOf,
  sorts: ["createdAt", "username", "fullName", "email"],
  table: (db) => db.wifiUser,
  toOutput,
  describe: (user) => {
    const { id: _id, createdAt: _createdAt, lastSeenAt: _lastSeenAt, ...rest } = toOutput(user);
    return { name: user.username, fields: rest };
  },
  createData: (input, accountId) => ({ ...toData(input), username: input.username, accountId }),
  updateData: toData,
});
