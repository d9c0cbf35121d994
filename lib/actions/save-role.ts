"use server";

import { revalidatePath } from "next/cache";
import { roles } from "@/lib/roles/roles";
import { saveRoleSchema } from "@/lib/validations/role";
import { conflictOn, memberAction } from "./safe-action";

// Creates a role, or saves one when an id is given (a change to a role asks for a fresh
// proof of identity: lib/auth/step-up.ts).
export const saveRoleAction = memberAction(
  { area: "roles", level: "FULL" },
  saveRoleSchema,
  async ({ id, ...input }, { actor }) => {
    const role = await conflictOn("name", () => (id ? roles.update(actor, id, input) : roles.create(actor, input)));
    revalidatePath("/roles");
    return { role: { id: role.id, name: role.name } };
  },
  { stepUp: ({ id }) => Boolean(id) },
);
