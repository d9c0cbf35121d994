import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { exceeding, toPermissions } from "@/lib/permissions";
import { roleGrantableBy } from "@/lib/roles/queries";
import { emailSchema } from "@/lib/validations/auth";
import { isoDate } from "@/lib/validations/common";
import { defineResource, pageArgs } from "./resource";

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
  role: { select: { id: true, name: true } },
} satisfies Prisma.MemberSelect;

const toOutput = (member: Prisma.MemberGetPayload<{ select: typeof select }>): z.infer<typeof memberSchema> => ({
  ...member,
  createdAt: member.createdAt.toISOString(),
});

const name = z.string().trim().min(1, "Enter a name.").max(100);

// Nobody changes or removes a member who holds more access than they do.
async function assertNotAbove(actor: Actor, memberId: string) {
  const member = await getDb().member.findFirst({
    where: { id: memberId, accountId: actor.accountId },
    select: { name: true, role: { select: { permissions: { select: { area: true, level: true } } } } },
  });
  if (member && exceeding(toPermissions(member.role.permissions), actor.permissions).length > 0) {
    throw new AppError("forbidden", `${member.name} has more access than you, so you can't change or remove them.`);
  }
}

// The last member with the Owner role can't be removed or given another role.
async function assertNotLastOwner(accountId: string, memberId: string, action: string) {
  const db = getDb();
  const member = await db.member.findFirst({
    where: { id: memberId, accountId },
    select: { role: { select: { builtIn: true } } },
  });
  if (member?.role.builtIn !== "OWNER") return;
  const owners = await db.member.count({ where: { accountId, role: { builtIn: "OWNER" } } });
  if (owners <= 1)
    throw new AppError(
      "conflict",
      `The last Owner of the account can't be ${action}. Make another member Owner first.`,
    );
}

async function findOne(accountId: string, id: string) {
  const row = await getDb().member.findFirst({ where: { id, accountId }, select });
  return row && toOutput(row);
}

export const team = defineResource({
  area: "team",
  name: "team",
  singular: "team member",
  conflictMessage: "A member with this email already exists.",
  schemas: {
    create: z.strictObject({ name, email: emailSchema, roleId: z.uuid({ error: "Choose a role." }) }),
    update: z.strictObject({ name, roleId: z.uuid({ error: "Choose a role." }) }).partial(),
    output: memberSchema,
  },
  async list(accountId, page) {
    const where = { accountId };
    const db = getDb();
    const [rows, total] = await Promise.all([
      db.member.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select, ...pageArgs(page) }),
      db.member.count({ where }),
    ]);
    return { items: rows.map(toOutput), total };
  },
  get: findOne,
  // No e-mail service is needed: a one-time initial password is returned once.
  async create(actor: Actor, input) {
    const role = await roleGrantableBy(actor, input.roleId);
    const initialPassword = randomBytes(12).toString("base64url");
    const member = await getDb().member.create({
      data: {
        accountId: actor.accountId,
        roleId: role.id,
        name: input.name,
        email: input.email,
        passwordHash: await hashPassword(initialPassword),
      },
      select,
    });
    return { ...toOutput(member), initialPassword };
  },
  async update(actor, id, input) {
    if (!(await findOne(actor.accountId, id))) return null;
    await assertNotAbove(actor, id);
    if (input.roleId) {
      const role = await roleGrantableBy(actor, input.roleId);
      if (role.builtIn !== "OWNER") await assertNotLastOwner(actor.accountId, id, "given another role");
    }
    await getDb().member.updateMany({
      where: { id, accountId: actor.accountId },
      data: { name: input.name, roleId: input.roleId },
    });
    return findOne(actor.accountId, id);
  },
  async remove(actor, id) {
    await assertNotAbove(actor, id);
    await assertNotLastOwner(actor.accountId, id, "removed");
    const { count } = await getDb().member.deleteMany({ where: { id, accountId: actor.accountId } });
    return count > 0;
  },
});
