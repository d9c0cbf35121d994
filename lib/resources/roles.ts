import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  allPermissions,
  AREA_NAMES,
  AREAS,
  exceeding,
  LEVELS,
  toPermissions,
  type Area,
  type Permissions,
} from "@/lib/permissions";
import { isoDate } from "@/lib/validations/common";
import { createRoleSchema, updateRoleSchema } from "@/lib/validations/role";
import type { Actor } from "@/lib/actor";
import { invalidateKeyCache } from "@/lib/api-keys/cache-coordinator";
import { defineResource, pageArgs } from "./resource";

export const roleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  builtIn: z.boolean(),
  permissions: z.record(z.enum(AREA_NAMES as [Area, ...Area[]]), z.enum(LEVELS)),
  usage: z.object({ members: z.number().int(), apiKeys: z.number().int() }),
  createdAt: isoDate,
});

const select = {
  id: true,
  name: true,
  builtIn: true,
  createdAt: true,
  permissions: { select: { area: true, level: true } },
  _count: { select: { members: true, apiKeys: { where: { deletedAt: null } } } },
} satisfies Prisma.RoleSelect;

type Row = Prisma.RoleGetPayload<{ select: typeof select }>;

const toOutput = (role: Row): z.infer<typeof roleSchema> => ({
  id: role.id,
  name: role.name,
  builtIn: role.builtIn !== null,
  permissions: toPermissions(role.permissions),
  usage: { members: role._count.members, apiKeys: role._count.apiKeys },
  createdAt: role.createdAt.toISOString(),
});

function fullPermissions(input: Partial<Permissions>): Permissions {
  return { ...allPermissions("NONE"), ...input };
}

// Nobody creates or saves a role above their own permissions, in any area.
function assertWithinOwn(actor: Actor, permissions: Permissions) {
  const over = exceeding(permissions, actor.permissions);
  if (over.length === 0) return;
  const labels = over.map((area) => AREAS[area].label).join(", ");
  throw new AppError("forbidden", `You can't grant more than your own access. Too high in: ${labels}.`, {
    fieldErrors: Object.fromEntries(over.map((area) => [`permissions.${area}`, ["Above your own access."]])),
  });
}

async function editableRole(accountId: string, id: string) {
  const role = await getDb().role.findFirst({ where: { id, accountId }, select });
  if (!role) return null;
  if (role.builtIn) throw new AppError("forbidden", `${role.name} is a built-in role: it can't be edited or deleted.`);
  return role;
}

async function findOne(accountId: string, id: string) {
  const row = await getDb().role.findFirst({ where: { id, accountId }, select });
  return row && toOutput(row);
}

export const roles = defineResource({
  area: "roles",
  name: "roles",
  singular: "role",
  conflictMessage: "A role with this name already exists.",
  schemas: { create: createRoleSchema, update: updateRoleSchema, output: roleSchema },
  async list(accountId, page) {
    const where = { accountId };
    const db = getDb();
    const [rows, total] = await Promise.all([
      db.role.findMany({
        where,
        orderBy: [{ builtIn: { sort: "asc", nulls: "last" } }, { name: "asc" }, { id: "asc" }],
        select,
        ...pageArgs(page),
      }),
      db.role.count({ where }),
    ]);
    return { items: rows.map(toOutput), total };
  },
  get: findOne,
  async create(actor, input) {
    const permissions = fullPermissions(input.permissions);
    assertWithinOwn(actor, permissions);
    const role = await getDb().role.create({
      data: {
        accountId: actor.accountId,
        name: input.name,
        permissions: { create: AREA_NAMES.map((area) => ({ area, level: permissions[area] })) },
      },
      select,
    });
    return toOutput(role);
  },
  async update(actor, id, input) {
    if (!(await editableRole(actor.accountId, id))) return null;
    const permissions = input.permissions ? fullPermissions(input.permissions) : undefined;
    if (permissions) assertWithinOwn(actor, permissions);
    await getDb().$transaction(async (tx) => {
      if (input.name !== undefined) await tx.role.update({ where: { id }, data: { name: input.name } });
      if (permissions) {
        await tx.rolePermission.deleteMany({ where: { roleId: id } });
        await tx.rolePermission.createMany({
          data: AREA_NAMES.map((area) => ({ roleId: id, area, level: permissions[area] })),
        });
      }
    });
    // Keys with this role see the change on their very next request, on every instance.
    await invalidateKeyCache();
    return findOne(actor.accountId, id);
  },
  async remove(actor, id) {
    const role = await editableRole(actor.accountId, id);
    if (!role) return false;
    const { members, apiKeys } = role._count;
    if (members > 0 || apiKeys > 0) {
      throw new AppError(
        "conflict",
        `${role.name} is in use by ${members} team member${members === 1 ? "" : "s"} and ${apiKeys} API key${apiKeys === 1 ? "" : "s"}. Give them another role first.`,
        { usage: { members, apiKeys } },
      );
    }
    // Deleted keys keep their role for the record; they go with it.
    await getDb().$transaction([
      getDb().apiKey.deleteMany({ where: { roleId: id, accountId: actor.accountId, deletedAt: { not: null } } }),
      getDb().role.deleteMany({ where: { id, accountId: actor.accountId } }),
    ]);
    return true;
  },
});
