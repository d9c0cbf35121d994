import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { AnyResource } from "@/lib/records/resource";
import { memberAction } from "./safe-action";

// The portal's create, update and delete of an account resource (users, groups, networks,
// vouchers): Full Access to its area, input parsed with the same zod schemas as the REST
// API, and the same domain functions (the record writer: access rule and audit event).
// Only the record's id goes back to the form.
const idSchema = z.uuid("Send the id of a record of this account.");

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
    z.strictObject({ id: idSchema, changes: resource.schemas.update }),
    async (input, { actor }) => {
      const item: { id: string } = await resource.update(actor, input.id, input.changes);
      revalidatePath(`/${resource.name}`);
      return { id: item.id };
    },
  );
}

export function deleteResourceAction(resource: AnyResource) {
  return memberAction(
    { area: resource.area, level: "FULL" },
    z.strictObject({ id: idSchema }),
    async (input, { actor }) => {
      await resource.remove(actor, input.id);
      revalidatePath(`/${resource.name}`);
      return {};
    },
  );
}
