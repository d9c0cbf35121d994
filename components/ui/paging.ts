import type { z } from "zod";

// Page arithmetic shared by the pages that read a list (server) and its pagination (browser).

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

// Reads page `page` of a list. Past the last page (an old link, ?page=99, or a delete that
// emptied the last page) it reads the last page instead, and returns the page it read.
// A capped total ("1,000+") means the list goes on past this page: nothing to clamp. Past
// the end the total is exact (lib/lists/read.ts counts it then).
export async function readClampedPage<Page extends { total: number; totalCapped: boolean }>(
  page: number,
  pageSize: number,
  read: (page: number) => Promise<Page>,
): Promise<Page & { page: number }> {
  const result = await read(page);
  const last = pageCount(result.total, pageSize);
  if (result.totalCapped || page <= last) return { ...result, page };
  return { ...(await read(last)), page: last };
}

// "1,000" or, when counting stopped there, "1,000+".
export function formatTotal(total: number, capped: boolean): string {
  return `${total.toLocaleString("en")}${capped ? "+" : ""}`;
}

// A list's query from the address: a value that doesn't parse (?page=0, ?sort=x) falls back
// to its default, without losing the others (the filter stays when the page is wrong).
export function parseListQuery<Schema extends z.ZodObject>(
  schema: Schema,
  params: Record<string, string | string[] | undefined>,
): z.infer<Schema> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const invalid = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  return schema.parse(Object.fromEntries(Object.entries(params).filter(([name]) => !invalid.has(name))));
}
