import { fieldError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/validations/cursor";
import { sortExpression, TEXT_COLLATION, type SortColumn } from "./table";

// A cursor whose values the column can't hold (a date out of range, an unknown enum value)
// was made up, not handed out: a 400, like any other bad parameter.
export function refuseBadCursor(error: unknown): never {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } })?.meta
    ?.driverAdapterError?.cause;
  if (error instanceof Prisma.PrismaClientKnownRequestError && cause?.originalCode?.startsWith("22")) {
    throw fieldError("after", "Not a cursor of this list: pass an earlier page's nextCursor.");
  }
  throw error;
}

// The conditions that select, in list order, the rows after `cursor`: a row comparison
// over the sort columns and id (an index range), and, when the first column holds NULLs
// that come after the non-NULL values, those rows in a second range.
export function afterCursor(
  columns: SortColumn[],
  cursor: Cursor,
  dir: "asc" | "desc",
  nulls: "first" | "last" | undefined,
): Prisma.Sql[] {
  if (cursor.keys.length !== columns.length) {
    throw fieldError("after", "This cursor belongs to another sort order: start again without `after`.");
  }
  const op = Prisma.raw(dir === "asc" ? ">" : "<");
  const value = (key: string | null, column: SortColumn) =>
    Prisma.sql`${key}::${Prisma.raw(column.type)}${Prisma.raw(column.collated ? ` COLLATE "${TEXT_COLLATION}"` : "")}`;
  const row = (from: number) =>
    Prisma.sql`(${Prisma.join([...columns.slice(from).map(sortExpression), Prisma.raw("id")], ", ")}) ${op} (${Prisma.join(
      [
        ...columns.slice(from).map((column, index) => value(cursor.keys[from + index], column)),
        Prisma.sql`${cursor.id}::uuid`,
      ],
      ", ",
    )})`;
  const first = sortExpression(columns[0]);
  if (cursor.keys[0] === null) {
    if (!nulls) throw fieldError("after", "Not a cursor of this list.");
    const inNulls = Prisma.sql`${first} IS NULL AND ${row(1)}`;
    return nulls === "first" ? [inNulls, Prisma.sql`${first} IS NOT NULL`] : [inNulls];
  }
  return nulls === "last" ? [row(0), Prisma.sql`${first} IS NULL`] : [row(0)];
}
