import type { Prisma } from "@/lib/generated/prisma/client";
import { allPermissions, AREA_NAMES } from "@/lib/permissions";

// Every account starts with Owner (Full Access everywhere) and Read Only.
export async function createBuiltInRoles(tx: Prisma.TransactionClient, accountId: string) {
  const owner = await tx.role.create({
    data: { accountId, name: "Owner", builtIn: "OWNER" },
    select: { id: true },
  });
  const readOnly = await tx.role.create({
    data: { accountId, name: "Read Only", builtIn: "READ_ONLY" },
    select: { id: true },
  });
  const full = allPermissions("FULL");
  const read = allPermissions("READ");
  await tx.rolePermission.createMany({
    data: [
      ...AREA_NAMES.map((area) => ({ roleId: owner.id, area, level: full[area] })),
      ...AREA_NAMES.map((area) => ({ roleId: readOnly.id, area, level: read[area] })),
    ],
  });
  return { ownerRoleId: owner.id, readOnlyRoleId: readOnly.id };
}
