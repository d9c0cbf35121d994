"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { roles } from "@/lib/resources/roles";
import { createRoleSchema } from "@/lib/validations/role";
import { memberAction } from "./safe-action";
import { withConflictMessage } from "@/lib/db/conflict";

// Creates a role, or saves one when an id is given.
export const saveRoleAction = memberAction(
  { area: "roles", level: "FULL" },
  createRoleSchema.extend({ id: z.uuid().optional() }),
  async ({ id, ...input }, { actor }) => {
    const role = await withConflictMessage(roles.conflictMessage, () =>
      id ? roles.update(actor, id, input) : roles.create(actor, input),
    );
    if (!role) throw new AppError("not_found", "This role no longer exists.");
    revalidatePath("/roles");
    return { role: { id: role.id, name: role.name } };
  },
);
