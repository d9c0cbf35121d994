import type { z } from "zod";
import type { Actor } from "@/lib/actor";
import type { KeyScope } from "@/lib/key-scope";
import type { Area } from "@/lib/permissions";
import { getDb } from "@/lib/db";
import { readList, type Page } from "@/lib/lists/read";
import type { ListTable } from "@/lib/lists/table";
import type { PageQuery } from "@/lib/validations/common";
import { defineKind, type RecordDescription, type Tx } from "./kind";
import { scopeSql, scopeWhere, type ScopedRecord } from "./scope";
import { createRecord, deleteRecord, readRecord, updateRecord } from "./write";

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
  // The orders the list offers (`sort`, with `dir`); the first is the default, ascending.
  sorts?: readonly [string, ...string[]];
  // `scope`: a scoped key's (lib/key-scope.ts); only records within it are listed or found.
  list(accountId: string, query: ListQuery, scope?: KeyScope | null): Promise<Page<Output>>;
  get(accountId: string, id: string, scope?: KeyScope | null): Promise<Output>;
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

export type ListQuery = PageQuery & { q?: string; sort?: string; dir?: "asc" | "desc" };

// The queries of one Prisma model that a table resource runs, always within one account.
// `select` is the model's select (undefined: every column).
type Table<Row, Select, CreateData, UpdateData> = {
  findFirst(args: { where: { id: string; accountId: string } & object; select: Select }): Promise<Row | null>;
  findMany(args: { where: { accountId: string; id: { in: string[] } }; select: Select }): Promise<Row[]>;
  create(args: { data: CreateData; select: Select }): Promise<Row>;
  update(args: { where: { id: string; accountId: string }; data: UpdateData }): Promise<unknown>;
  delete(args: { where: { id: string; accountId: string } }): Promise<unknown>;
};

// A resource that is one account-owned table (the Wi-Fi users, groups, networks and
// vouchers): it declares its fields, its output and the data it writes; reading, the
// record writer's transaction, not-found, conflicts and the audit event are the same for
// each. Lists read oldest first. `kind` is its record kind, for changes of its own.
// `scoped`: which record of the scope rule it is (scope.ts): lists, reads and writes of a
// scoped key then reach only records within its scope. `check` runs in the write's
// transaction before a create or update (e.g. that a referenced network is the account's).
export function defineTableResource<
  Sort extends string,
  Row extends { id: string },
  Output,
  Create,
  Update,
  Select = undefined,
  CreateData = Create,
  UpdateData = Update,
>(spec: {
  area: Area;
  name: string;
  singular: string;
  search: { matches: string; label: string };
  // What must be unique, for the conflict message: "A network with this name already exists."
  unique: string;
  schemas: Resource<Output, Create, Update>["schemas"];
  // Its orders; the first is the default (oldest first: createdAt).
  list: ListTable<Sort>;
  sorts: readonly [Sort, ...Sort[]];
  table: (db: Tx) => Table<Row, NoInfer<Select>, NoInfer<CreateData>, NoInfer<UpdateData>>;
  select?: Select;
  toOutput: (row: Row) => Output;
  // The audit target's name and the fields compared for its event.
  describe: (row: Row) => Omit<RecordDescription, "id">;
  createData: (input: Create, accountId: string) => CreateData;
  updateData?: (input: Update) => UpdateData;
  scoped?: ScopedRecord;
  check?: (tx: Tx, actor: Actor, input: Create | Update) => Promise<void>;
}) {
  const { table, select = undefined as Select, toOutput } = spec;
  // Without updateData, UpdateData is Update itself (its default), and `table` must take it.
  const updateData = spec.updateData ?? ((input: Update) => input as unknown as UpdateData);
  const kind = defineKind<Row>({
    type: spec.singular,
    notFound: `No ${spec.singular} with this id.`,
    conflict: `A ${spec.singular} with this ${spec.unique} already exists.`,
    scoped: spec.scoped,
    load: (tx, accountId, id, scope) =>
      table(tx).findFirst({
        where: { id, accountId, ...(spec.scoped && scopeWhere(spec.scoped, scope)) },
        select,
      }),
    describe: (row) => ({ id: row.id, ...spec.describe(row) }),
  });
  const resource = defineResource<Output, Create, Update>({
    area: spec.area,
    name: spec.name,
    singular: spec.singular,
    search: spec.search,
    sorts: spec.sorts,
    schemas: spec.schemas,
    list: (accountId, query, scope) =>
      readList(
        spec.list,
        accountId,
        // A scope picks few records in no list order: matched first, like a search.
        {
          ...query,
          sort: spec.sorts.includes(query.sort as Sort) ? (query.sort as Sort) : spec.sorts[0],
          dir: query.dir ?? "asc",
          match: spec.scoped && scopeSql(spec.scoped, scope),
        },
        (ids) => table(getDb()).findMany({ where: { accountId, id: { in: ids } }, select }),
        toOutput,
      ),
    get: async (accountId, id, scope) => toOutput(await readRecord(accountId, kind, id, scope)),
    create: async (actor, input) =>
      toOutput(
        await createRecord(actor, kind, async (tx) => {
          await spec.check?.(tx, actor, input);
          return table(tx).create({ data: spec.createData(input, actor.accountId), select });
        }),
      ),
    update: async (actor, id, input) =>
      toOutput(
        await updateRecord(actor, kind, id, async (tx) => {
          await spec.check?.(tx, actor, input);
          await table(tx).update({ where: { id, accountId: actor.accountId }, data: updateData(input) });
        }),
      ),
    remove: async (actor, id) => {
      await deleteRecord(actor, kind, id, async (tx) => {
        await table(tx).delete({ where: { id, accountId: actor.accountId } });
      });
    },
  });
  return { ...resource, kind };
}
