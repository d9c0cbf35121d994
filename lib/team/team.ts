import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPermissions } from "@/lib/permissions";
import { defineKind, type Tx } from "@/lib/records/kind";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { defineResource } from "@/lib/records/resource";
import { createRecord, deleteRecord, readRecord, updateRecord } from "@/lib/records/write";
import { roleOfAccount } from "@/lib/roles/queries";
import { emailSchema } from "@/lib/validations/auth";
import { isoDate } from "@/lib/validations/common";
import { singleLine } from "@/lib/validations/text";

export const memberSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: isoDate,
  initialPassword: z
    .string()
    .optional()
    .meta({ description: "Only in the response that adds the member; shown once." }),
});

const select = {
  id: true,
  name: true,
  email: true,
  createdAt: true,
  role: { select: { id: true, name: true, builtIn: true, permissions: { select: { area: true, level: true } } } },
} satisfies Prisma.MemberSelect;

type Row = Prisma.MemberGetPayload<{ select: typeof select }>;

const toOutput = (member: Row): z.infer<typeof memberSchema> => ({
  id: member.id,
  name: member.name,
  email: member.email,
  role: { id: member.role.id, name: member.role.name },
  createdAt: member.createdAt.toISOString(),
});

const name = singleLine("Enter a name.", 100);

export const memberKind = defineKind<Row>({
  type: "member",
  notFound: "No team member with this id.",
  conflict: "A member with this email already exists.",
  load: (tx, accountId, id) => tx.member.findFirst({ where: { id, accountId }, select }),
  describe: (member) => ({
    id: member.id,
    name: member.email,
    fields: { name: member.name, email: member.email, role: member.role.name },
    access: {
      permissions: toPermissions(member.role.permissions),
      subject: `${member.name} (role ${member.role.name})`,
      field: "roleId",
    },
  }),
});

// "Never without an Owner": the account row is locked first, so concurrent demotions and
// removals of Owners run one after another and each sees the others' result.
async function assertOwnerRemains(tx: Tx, accountId: string, action: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${accountId}::uuid FOR UPDATE`;
  const owners = await tx.member.count({ where: { accountId, role: { builtIn: "OWNER" } } });
  if (owners === 0) {
    throw new AppError(
      "conflict",
      `The last Owner of the account can't be ${action}. Make another member Owner first.`,
    );
  }
}

// Oldest first.
export const memberList = defineList({
  table: "members",
  sorts: { createdAt: [{ column: "created_at", type: "timestamp(3)" }] },
});

export const team = defineResource({
  area: "team",
  name: "team",
  singular: "team member",
  schemas: {
    create: z.strictObject({ name, email: emailSchema, roleId: z.uuid({ error: "Choose a role." }) }),
    update: z.strictObject({ name, roleId: z.uuid({ error: "Choose a role." }) }).partial(),
    output: memberSchema,
  },
  list: (accountId, query) =>
    readList(
      memberList,
      accountId,
      { ...query, sort: "createdAt", dir: "asc" },
      (ids) => getDb().member.findMany({ where: { accountId, id: { in: ids } }, select }),
      toOutput,
    ),
  get: async (accountId, id) => toOutput(await readRecord(accountId, memberKind, id)),
  // No e-mail service is needed: a one-time initial password is returned once.
  async create(actor: Actor, input) {
    const initialPassword = randomBytes(12).toString("base64url");
    const passwordHash = await hashPassword(initialPassword);
    const member = await createRecord(actor, memberKind, async (tx) => {
      const role = await roleOfAccount(tx, actor.accountId, input.roleId);
      return tx.member.create({
        data: { accountId: actor.accountId, roleId: role.id, name: input.name, email: input.email, passwordHash },
        select,
      });
    });
    return { ...toOutput(member), initialPassword };
  },
  async update(actor, id, input) {
    const member = await updateRecord(actor, memberKind, id, async (tx, before) => {
      const role = input.roleId ? await roleOfAccount(tx, actor.accountId, input.roleId) : undefined;
      await tx.member.update({
        where: { id, accountId: actor.accountId },
        data: { name: input.name, roleId: role?.id },
      });
      if (before.role.builtIn === "OWNER" && role && role.builtIn !== "OWNER") {
        await assertOwnerRemains(tx, actor.accountId, "given another role");
      }
    });
    return toOutput(member);
  },
  async remove(actor, id) {
    await deleteRecord(actor, memberKind, id, async (tx, member) => {
      await tx.member.delete({ where: { id, accountId: actor.accountId } });
      if (member.role.builtIn === "OWNER") await assertOwnerRemains(tx, actor.accountId, "removed");
    });
  },
});
