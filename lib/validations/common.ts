import { z } from "zod";

export const MAX_PAGE_SIZE = 100;

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export const idSchema = z.uuid();

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const isoDate = z.string().meta({ format: "date-time" });

// Dates people may send: ISO 8601 with a zone, between 1970 and 9999 (PostgreSQL and
// JavaScript agree on every instant in that range).
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

export function dateTimeInput(error = "Use an ISO 8601 date-time, e.g. 2027-01-31T23:59:59Z.") {
  return z.iso.datetime({ offset: true, error }).refine((value) => {
    const time = Date.parse(value);
    return time >= EARLIEST && time <= LATEST;
  }, "Use a date between 1970 and 9999.");
}
