import type { z } from "zod";
import type { Actor } from "@/lib/actor";
import type { Area } from "@/lib/permissions";
import type { Page } from "@/lib/lists/read";
import type { PageQuery } from "@/lib/validations/common";

// One account-scoped resource of the REST API. Reads take the account; writes take the
// actor and go through the record writer (write.ts). Another account's id, or an
// unknown one, is a not-found error thrown here, never a null for callers to translate.
export type Resource<Output, Create, Update> = {
  area: Area;
  // URL segment and OpenAPI tag, e.g. "users"
  name: string;
  singular: string;
  schemas: { create: z.ZodType<Create>; update: z.ZodType<Update>; output: z.ZodType<Output> };
  // What the list's `q` matches (for the API reference and the search box); none: no search.
  search?: { matches: string; label: string };
  list(accountId: string, query: ListQuery): Promise<Page<Output>>;
  get(accountId: string, id: string): Promise<Output>;
  create(actor: Actor, input: Create): Promise<Output>;
  update(actor: Actor, id: string, input: Update): Promise<Output>;
  remove(actor: Actor, id: string): Promise<void>;
};

// Keeps each resource's own type parameters while listing them together.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResource = Resource<any, any, any>;

export function defineResource<Output, Create, Update>(resource: Resource<Output, Create, Update>) {
  return resource;
}

export type ListQuery = PageQuery & { q?: string };
