import "server-only";
import { revalidatePath } from "next/cache";
import type { AnyResource } from "@/lib/records/resource";
import { recordIdInputSchema, recordUpdateInputSchema } from "@/lib/validations/common";
import { memberAction } from "./safe-action";

// The portal's create, update and delete of an account resource (users, groups, networks,
// vouchers): Full Access to its area, input parsed with the same zod schemas as the REST
// API, and the same domain functions (the record writer: access rule and audit event).
// Only the record's id goes back to the form.

export function createResourceAction(resource: AnyResource) {
  return memberAction({ area: resource.area, level: "FULL" }, resource.schemas.create, async (input, { actor }) => {
    const item: { id: string } = await resource.create(actor, input);
    revalidatePath(`/${resource.name}`);
    return { id: item.id };
  });
}

export function updateResourceAction(resource: AnyResource) {
  return memberAction(
    { area: resource.area, level: "FULL" },
    recordUpdateInputSchema(resource.schemas.update),
    async (input, { actor }) => {
      const item: { id: string } = await resource.update(actor, input.id, input.changes);
      revalidatePath(`/${resource.name}`);
      return { id: item.id };
    },
  );
}

export function deleteResourceAction(resource: AnyResource) {
  return memberAction({ area: resource.area, level: "FULL" }, recordIdInputSchema, async (input, { actor }) => {
    await resource.remove(actor, input.id);
    revalidatePath(`/${resource.name}`);
    return {};
  });
}
