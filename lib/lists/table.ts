import { Prisma } from "@/lib/generated/prisma/client";

// What a list is, declared once next to its resource: its table, which rows are live, what
// `q` searches and each offered order. lib/lists/read.ts reads pages of it; schema.prisma
// holds an index for each order.
export type SortColumn = {
  column: string;
  // The column's type, to compare a cursor's text values with it, e.g. "timestamp(3)".
  type: string;
  // Only the first column of a sort may hold NULLs: where they go when ascending.
  nulls?: "first" | "last";
  // Text people read (names): ordered by the Unicode collation ("éclair" before "zulu"),
  // not by code point. Its index must be created with the same collation (a migration's SQL:
  // Prisma can't spell it).
  collated?: boolean;
};

// ICU's root collation (CLDR's order for every language without rules of its own): the
// embedded database (PGlite) and PostgreSQL servers built with ICU both have it.
export const TEXT_COLLATION = "und-x-icu";

export type ListTable<Sort extends string> = {
  table: string;
  // Rows that are part of the list, e.g. "deleted_at IS NULL" (a partial index's condition).
  live?: string;
  // Columns `q` matches any part of, case-insensitively; `only`: the column can only
  // contain a q like this (a Key ID holds no spaces), otherwise it isn't searched.
  search?: (string | { column: string; only: RegExp })[];
  // Each sort's columns; `id` in the same direction breaks ties.
  sorts: Record<Sort, SortColumn[]>;
};

export function defineList<Sort extends string>(table: ListTable<Sort>): ListTable<Sort> {
  for (const columns of Object.values<SortColumn[]>(table.sorts)) {
    if (columns.slice(1).some((column) => column.nulls)) throw new Error("Only a sort's first column may be nullable.");
  }
  return table;
}

export const ident = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);

// A sort column as ORDER BY and the cursor's row comparison name it.
export const sortExpression = (column: SortColumn) =>
  column.collated ? Prisma.raw(`"${column.column}" COLLATE "${TEXT_COLLATION}"`) : ident(column.column);

// `%q%` for ILIKE, with q's own % _ and \ matching themselves.
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
