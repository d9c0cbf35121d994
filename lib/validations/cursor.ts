import { z } from "zod";

// A position in a sorted list, handed out as an opaque `nextCursor` and taken back as
// `after`: the order it belongs to, the sort values of the last row read (as PostgreSQL
// prints them, so they go back without any conversion) and that row's id. Reading after
// it is an index range scan, however deep into the list it is.
export type Cursor = { order: string; keys: (string | null)[]; id: string };

const cursorShape = z.strictObject({
  o: z.string().max(50),
  k: z.array(z.string().max(300).nullable()).max(4),
  id: z.uuid(),
});

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ o: cursor.order, k: cursor.keys, id: cursor.id })).toString("base64url");
}

export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(text)) return null;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? { order: parsed.data.o, keys: parsed.data.k, id: parsed.data.id } : null;
  } catch {
    return null;
  }
}

// The `after` query parameter: a cursor from an earlier page's `nextCursor`.
export const afterSchema = z
  .string()
  .transform((text, ctx) => {
    const cursor = decodeCursor(text);
    if (!cursor) ctx.addIssue({ code: "custom", message: "Not a cursor: pass an earlier page's nextCursor." });
    return cursor ?? z.NEVER;
  })
  .meta({
    description: "Read the page after this cursor (an earlier page's `nextCursor`) instead of by `page` number.",
  });
