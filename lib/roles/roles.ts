import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalidateKeyCache } from "@/lib/key-cache/coordinator";
import { allPermissions, AREA_NAMES, toPermissions, type Permissions } from "@/lib/permissions";
import { defineKind } from "@/lib/records/kind";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { defineResource } from "@/lib/records/resource";
import { createRecord, deleteRecord, readRecord, updateRecord } from "@/lib/records/write";
import { createRoleSchema, roleSchema, updateRoleSchema, type RoleJson } from "@/lib/validations/role";

const select = {
  id: true,
  name: true,
  builtIn: true,
  createdAt: true,
  permissions: { select: { area: true, level: true } },
  _count: { select: { members: true, apiKeys: { where: { deletedAt: null } } } },
} satisfies Prisma.RoleSelect;

type Row = Prisma.RoleGetPayload<{ select: typeof select }>;

const toOutput = (role: Row): RoleJson => ({
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

// The levels are fields of their own ("permissions.users"), so an edit's event shows
// each area's level before → after.
export const roleKind = defineKind<Row>({
  type: "role",
  notFound: "No role with this id.",
  conflict: "A role with this name already exists.",
  load: (tx, accountId, id) => tx.role.findFirst({ where: { id, accountId }, select }),
  describe: (role) => {
    const permissions = toPermissions(role.permissions);
    return {
      id: role.id,
      name: role.name,
      fields: {
        name: role.name,
        ...Object.fromEntries(AREA_NAMES.map((area) => [`permissions.${area}`, permissions[area]])),
      },
      access: { permissions, subject: `The role ${role.name}`, field: "permissions" },
    };
  },
  view: toOutput,
});

function assertEditable(role: Row): void {
  if (role.builtIn) throw new AppError("forbidden", `${role.name} is a built-in role: it can't be edited or deleted.`);
}

// Built-in roles first (Owner, Read Only), then by name without regard to case (citext).
export const roleList = defineList({
  table: "roles",
  sorts: {
    builtInThenName: [
      { column: "built_in", type: '"BuiltInRole"', nulls: "last" },
      { column: "name", type: "citext" },
    ],
  },
});

export const roles = defineResource({
  area: "roles",
  name: "roles",
  singular: "role",
  schemas: { create: createRoleSchema, update: updateRoleSchema, output: roleSchema },
  list: (accountId, query) =>
    readList(
      roleList,
      accountId,
      { ...query, sort: "builtInThenName", dir: "asc" },
      (ids) => getDb().role.findMany({ where: { accountId, id: { in: ids } }, select }),
      toOutput,
    ),
  get: async (accountId, id) => toOutput(await readRecord(accountId, roleKind, id)),
  async create(actor, input) {
    const permissions = fullPermissions(input.permissions);
    const role = await createRecord(actor, roleKind, (tx) =>
      tx.role.create({
        data: {
          accountId: actor.accountId,
          name: input.name,
          permissions: { create: AREA_NAMES.map((area) => ({ area, level: permissions[area] })) },
        },
        select,
      }),
    );
    return toOutput(role);
  },
  async update(actor, id, input) {
    const permissions = input.permissions ? fullPermissions(input.permissions) : undefined;
    const role = await updateRecord(
      actor,
      roleKind,
      id,
      async (tx, before) => {
        assertEditable(before);
        if (input.name !== undefined) {
          await tx.role.update({ where: { id, accountId: actor.accountId }, data: { name: input.name } });
        }
        if (permissions) {
          await tx.rolePermission.deleteMany({ where: { roleId: id } });
          await tx.rolePermission.createMany({
            data: AREA_NAMES.map((area) => ({ roleId: id, area, level: permissions[area] })),
          });
        }
      },
      // Keys with a changed role see the change on their very next request, on every instance.
      { afterCommit: () => invalidateKeyCache({ roles: [id] }) },
    );
    return toOutput(role);
  },
  async remove(actor, id) {
    await deleteRecord(actor, roleKind, id, async (tx, role) => {
      assertEditable(role);
      const { members, apiKeys } = role._count;
      if (members > 0 || apiKeys > 0) {
        throw new AppError(
          "conflict",
          `${role.name} is in use by ${members} team member${members === 1 ? "" : "s"} and ${apiKeys} API key${apiKeys === 1 ? "" : "s"}. Give them another role first.`,
          { usage: { members, apiKeys } },
        );
      }
      // Deleted keys that had this role keep their rows (who deleted which Key ID, when).
      await tx.apiKey.updateMany({
        where: { roleId: id, accountId: actor.accountId, deletedAt: { not: null } },
        data: { roleId: null },
      });
      await tx.role.delete({ where: { id, accountId: actor.accountId } });
    });
  },
});
