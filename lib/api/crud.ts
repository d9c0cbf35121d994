import { AppError } from "@/lib/errors";
import type { AnyResource } from "@/lib/records/resource";
import { idSchema, listQuerySchema } from "@/lib/validations/common";
import { readJson } from "./body";
import { json, noContent } from "./responses";
import { apiRoute } from "./route";

type IdParams = { id: string };

// The five handlers of an account-scoped resource: list and create on the collection,
// get, update and delete on an item. GET needs Read Access to the area; the rest Full.
export function collectionRoutes(resource: AnyResource) {
  return {
    GET: apiRoute(resource.area, async ({ request, actor }) => {
      const query = listQuerySchema(resource).parse(Object.fromEntries(request.nextUrl.searchParams));
      return json(await resource.list(actor.accountId, query, actor.scope));
    }),
    POST: apiRoute(resource.area, async ({ request, actor }) => {
      const input = await readJson(request, resource.schemas.create);
      return json(await resource.create(actor, input), 201);
    }),
  };
}

export function itemRoutes(resource: AnyResource) {
  return {
    GET: apiRoute<IdParams>(resource.area, async ({ actor, params }) =>
      json(await resource.get(actor.accountId, parseId(resource, params.id), actor.scope)),
    ),
    PATCH: apiRoute<IdParams>(resource.area, async ({ request, actor, params }) => {
      const id = parseId(resource, params.id);
      const input = await readJson(request, resource.schemas.update);
      return json(await resource.update(actor, id, input));
    }),
    DELETE: apiRoute<IdParams>(resource.area, async ({ actor, params }) => {
      await resource.remove(actor, parseId(resource, params.id));
      return noContent();
    }),
  };
}

// An id that is not a UUID can't exist: the same 404 as an unknown one.
export function parseId(resource: { singular: string }, id: string): string {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw new AppError("not_found", `No ${resource.singular} with this id.`);
  return parsed.data;
}
