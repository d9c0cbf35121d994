// Every zod schema (action and route inputs, API outputs) lives in lib/validations/<feature>.ts,
// which imports only root-level lib/*.ts files and its siblings, never a feature folder.
import { z } from "zod";
import { afterSchema } from "@/lib/validations/cursor";
import { searchText } from "./text";

export const MAX_PAGE_SIZE = 100;
// Totals stop counting here ("1,000+"): an exact count would read every matching row.
export const COUNT_CAP = 1000;

// Past page numbers this deep, read with `after` (keyset) instead.
export const MAX_PAGE = 10_000_000;

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1).meta({
    description:
      "The page number, from 1. A deep page costs more the deeper it is (the database steps over every item before it): to read far into a list, or all of it, pass `nextCursor` as `after` instead, which costs the same at any depth.",
  }),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  after: afterSchema.optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

// A list's search parameter; `matches` says what it matches, for the API reference.
export function searchParam(matches: string) {
  return searchText()
    .optional()
    .default("")
    .meta({ description: `${matches}, without regard to case.` });
}

export const idSchema = z.uuid();
// A server action's input that names one record by its id.
export const idInputSchema = z.strictObject({ id: idSchema });

// The query a resource's list takes: page or cursor, `q` where it has a search, `sort` and
// `dir` where it offers orders (the first is the default).
export function listQuerySchema(resource: { search?: { matches: string }; sorts?: readonly [string, ...string[]] }) {
  const { search, sorts } = resource;
  if (search && sorts) return pageQuerySchema.extend({ q: searchParam(search.matches), ...sortParams(sorts) });
  if (search) return pageQuerySchema.extend({ q: searchParam(search.matches) });
  if (sorts) return pageQuerySchema.extend(sortParams(sorts));
  return pageQuerySchema;
}

function sortParams(sorts: readonly [string, ...string[]]) {
  return {
    sort: z
      .enum(sorts)
      .default(sorts[0])
      .meta({ description: "Text sorts by the Unicode collation: accented letters sort with their base letter." }),
    dir: z.enum(["asc", "desc"]).default("asc"),
  };
}

// The portal's update and delete of an account resource (lib/actions/resource-action.ts).
const recordIdSchema = z.uuid("Send the id of a record of this account.");
export const recordIdInputSchema = z.strictObject({ id: recordIdSchema });
export function recordUpdateInputSchema<Update extends z.ZodType>(update: Update) {
  return z.strictObject({ id: recordIdSchema, changes: update });
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z
      .number()
      .int()
      .meta({
        description: `How many items match, counted up to ${COUNT_CAP.toLocaleString("en")} (or up to this page, deeper in the list); with totalCapped, a lower bound.`,
      }),
    totalCapped: z.boolean().meta({ description: "true: there are more than `total` items (shown as “1,000+”)." }),
    page: z.number().int().nullable().meta({ description: "null when the page was read with `after`." }),
    pageSize: z.number().int(),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `after` to read the next page, at any depth; null on the last page." }),
  });
}

export const isoDate = z.string().meta({ format: "date-time" });

// Dates people may send: ISO 8601 with a zone, between 1970 and 9999 (PostgreSQL and
// JavaScript agree on every instant in that range).
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

export const LATEST_INSTANT = new Date(LATEST);
const inRange = (time: number) => time >= EARLIEST && time <= LATEST;

export function dateTimeInput(error = "Use an ISO 8601 date-time, e.g. 2027-01-31T23:59:59Z.") {
  return z.iso
    .datetime({ offset: true, error })
    .refine((value) => inRange(Date.parse(value)), "Use a date between 1970 and 9999.");
}

// A calendar day (2026-11-27), in the same range.
export function dateInput(error = "Use a date like 2026-11-27.") {
  return z.iso
    .date({ error })
    .refine((value) => inRange(Date.parse(`${value}T00:00:00Z`)), "Use a date between 1970 and 9999.");
}
