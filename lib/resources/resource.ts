import type { z } from "zod";
import type { Actor } from "@/lib/actor";
import type { Area } from "@/lib/permissions";
import type { PageQuery } from "@/lib/validations/common";

// One account-scoped resource of the REST API. Every function takes the account (or an
// actor of it) and scopes its query by it, so another account's id is simply not found.
export type Resource<Output, Create, Update> = {
  area: Area;
  // URL segment and OpenAPI tag, e.g. "users"
  name: string;
  singular: string;
  schemas: { create: z.ZodType<Create>; update: z.ZodType<Update>; output: z.ZodType<Output> };
  conflictMessage?: string;
  list(accountId: string, page: PageQuery): Promise<{ items: Output[]; total: number }>;
  get(accountId: string, id: string): Promise<Output | null>;
  create(actor: Actor, input: Create): Promise<Output>;
  update(actor: Actor, id: string, input: Update): Promise<Output | null>;
  remove(actor: Actor, id: string): Promise<boolean>;
};

// Keeps each resource's own type parameters while listing them together.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResource = Resource<any, any, any>;

export function defineResource<Output, Create, Update>(resource: Resource<Output, Create, Update>) {
  return resource;
}

export function pageArgs(page: PageQuery) {
  return { skip: (page.page - 1) * page.pageSize, take: page.pageSize };
}
