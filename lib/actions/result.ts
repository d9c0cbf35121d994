// What every server action returns to its form. Free of server code, so client
// components import it too.
export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: string; fieldErrors?: FieldErrors };
