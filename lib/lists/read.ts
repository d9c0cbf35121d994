import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { COUNT_CAP } from "@/lib/validations/common";
import { encodeCursor, type Cursor } from "@/lib/validations/cursor";
import { afterCursor, refuseBadCursor } from "./keyset";
import { containsPattern, ident, TEXT_COLLATION, type ListTable, type SortColumn } from "./table";

// Every list of the portal and the API reads its pages here, at a cost that doesn't grow
// with the account:
// - the page's ids come from one index range in list order (each offered sort has an
//   index, see schema.prisma), then the rows themselves by id, through the guarded client;
// - totals stop counting at COUNT_CAP ("1,000+"): an exact count reads every row;
// - `after` (keyset) starts the range at a cursor, however deep; page numbers use OFFSET,
//   which skips index entries only;
// - a search (substring, pg_trgm) first collects up to COUNT_CAP matches in no order, which
//   the trigram index serves; only when there are more, so matches are common, is the list
//   read in order with the search as a filter.
// The SQL is written here because Prisma can't compare citext as text for the trigram
// index, say NULLS FIRST, or compare rows. It is raw SQL, so the tenant guard doesn't see
// it: every statement is built from `scope` (account_id = the caller's account) and
// nothing else can start one; the rows are then read by id with the account in the
// `where` as well (tests/db/lists.test.ts).
export type ListRequest<Sort extends string> = {
  sort: Sort;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
  after?: Cursor;
  q?: string;
  // Further conditions (already scoped by the builder): equalities and ranges the list's
  // indexes serve in list order.
  where?: Prisma.Sql[];
  // A condition no index serves in list order (a substring): handled like `q`.
  match?: Prisma.Sql;
  // false: don't count (a reader walking the whole list); total is then what was read.
  countTotal?: boolean;
};

export type Page<Item> = {
  items: Item[];
  // With totalCapped, a lower bound: there are more than `total`.
  total: number;
  totalCapped: boolean;
  // null when the page was read `after` a cursor.
  page: number | null;
  pageSize: number;
  nextCursor: string | null;
};

type IdRow = { id: string } & Record<`k${number}`, string | null>;
type IdPage = Omit<Page<never>, "items" | "nextCursor"> & { ids: string[]; next: Cursor | null };

const and = (conditions: Prisma.Sql[]) => Prisma.join(conditions, " AND ");

// Reads one page of a list: ids from SQL, then `fetch` reads those rows (by id and account)
// and `toItem` shapes them; the items keep the order of the ids.
export async function readList<Sort extends string, Row extends { id: string }, Item>(
  table: ListTable<Sort>,
  accountId: string,
  request: ListRequest<Sort>,
  fetch: (ids: string[]) => Promise<Row[]>,
  toItem: (row: Row) => Item,
): Promise<Page<Item>> {
  const { ids, next, ...page } = await readIds(table, accountId, request);
  const rows = ids.length === 0 ? [] : await fetch(ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toItem(row)] : []; // deleted between the two reads
  });
  return { items, ...page, nextCursor: next && encodeCursor(next) };
}

// `db`: the tests' own client; the app's otherwise.
export async function readIds<Sort extends string>(
  table: ListTable<Sort>,
  accountId: string,
  request: ListRequest<Sort>,
  db: Pick<PrismaClient, "$queryRaw"> = getDb(accountId),
): Promise<IdPage> {
  const from = ident(table.table);
  const columns = table.sorts[request.sort];
  const order = `${request.sort}.${request.dir}`;
  if (request.after && request.after.order !== order) {
    throw fieldError("after", "This cursor belongs to another sort order: start again without `after`.");
  }

  // The only way a statement here starts: within the caller's account.
  const scope = Prisma.sql`account_id = ${accountId}::uuid`;
  let conditions = [scope, ...(table.live ? [Prisma.raw(table.live)] : []), ...(request.where ?? [])];
  const searched = request.q
    ? (table.search ?? []).flatMap((entry) =>
        typeof entry === "string" ? [entry] : entry.only.test(request.q!) ? [entry.column] : [],
      )
    : [];
  const matches = [
    ...(request.q
      ? [
          searched.length === 0
            ? Prisma.sql`false`
            : Prisma.sql`(${Prisma.join(
                searched.map((column) => Prisma.sql`${ident(column)}::text ILIKE ${containsPattern(request.q!)}`),
                " OR ",
              )})`,
        ]
      : []),
    ...(request.match ? [request.match] : []),
  ];

  const count = async (conditionsToCount: Prisma.Sql[], limit: number) => {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${and(conditionsToCount)} LIMIT ${limit}) AS page`;
    return row.n;
  };

  // A search first collects its matches in no order (the trigram indexes serve that); up to
  // COUNT_CAP of them are then paged by id, exactly counted.
  let exactTotal: number | null = null;
  let moreThanCap = false;
  if (matches.length > 0) {
    const found = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM ${from} WHERE ${and([...conditions, ...matches])} LIMIT ${COUNT_CAP + 1}`;
    if (found.length <= COUNT_CAP) {
      exactTotal = found.length;
      if (exactTotal === 0) {
        return {
          ids: [],
          total: 0,
          totalCapped: false,
          page: request.after ? null : request.page,
          pageSize: request.pageSize,
          next: null,
        };
      }
      conditions = [scope, Prisma.sql`id = ANY(string_to_array(${found.map((row) => row.id).join(",")}, ',')::uuid[])`];
    } else {
      moreThanCap = true;
      conditions = [...conditions, ...matches];
    }
  }

  const keys = Prisma.join(
    columns.map((column, index) => Prisma.sql`${ident(column.column)}::text AS ${Prisma.raw(`k${index}`)}`),
    ", ",
  );
  const direction = request.dir === "asc" ? "ASC" : "DESC";
  // NULLS placement is given for ascending; descending is its mirror, so one index serves both.
  const nullsNow = (column: SortColumn) =>
    column.nulls && (request.dir === "asc" ? column.nulls : column.nulls === "first" ? "last" : "first");
  const orderBy = Prisma.raw(
    [
      ...columns.map((column) => {
        const nulls = nullsNow(column);
        const collate = column.collated ? ` COLLATE "${TEXT_COLLATION}"` : "";
        return `"${column.column}"${collate} ${direction}${nulls ? ` NULLS ${nulls.toUpperCase()}` : ""}`;
      }),
      `id ${direction}`,
    ].join(", "),
  );
  const select = (where: Prisma.Sql[], limit: number, offset = 0) => db.$queryRaw<IdRow[]>`
    SELECT id, ${keys} FROM ${from} WHERE ${and(where)} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`;

  const take = request.pageSize + 1;
  let rows: IdRow[];
  const skip = (request.page - 1) * request.pageSize;
  if (request.after) {
    rows = [];
    for (const phase of afterCursor(columns, request.after, request.dir, nullsNow(columns[0]))) {
      rows.push(...(await select([...conditions, phase], take - rows.length).catch(refuseBadCursor)));
      if (rows.length >= take) break;
    }
  } else {
    rows = await select(conditions, take, skip);
  }

  const hasMore = rows.length > request.pageSize;
  rows = rows.slice(0, request.pageSize);
  const last = rows[rows.length - 1];
  const next = hasMore && last ? { order, keys: columns.map((_, index) => last[`k${index}`]), id: last.id } : null;
  const page = request.after ? null : request.page;
  const result = (total: number, totalCapped: boolean): IdPage => ({
    ids: rows.map((row) => row.id),
    total,
    totalCapped,
    page,
    pageSize: request.pageSize,
    next,
  });

  if (exactTotal !== null) return result(exactTotal, false);
  if (request.countTotal === false) return result(rows.length, hasMore);
  if (!request.after) {
    // The last page: everything before it plus what it holds.
    if (!hasMore && (rows.length > 0 || skip === 0)) return result(skip + rows.length, false);
    // Past the end: the exact count, which is below `skip` (to clamp a page link).
    if (!hasMore) return result(await count(conditions, skip), false);
    // Deep in a long list: it goes on past this page.
    if (skip + request.pageSize >= COUNT_CAP) return result(skip + request.pageSize, true);
  }
  if (moreThanCap) return result(COUNT_CAP, true);
  const counted = await count(conditions, COUNT_CAP + 1);
  return result(Math.min(counted, COUNT_CAP), counted > COUNT_CAP);
}
