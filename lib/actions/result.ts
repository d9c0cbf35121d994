// What every server action returns to its form. Free of server code, so client
// components import it too. `stepUp`: the change needs a fresh proof of identity first
// (the step-up dialog asks for it, then the form sends the same input again).
export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: string; fieldErrors?: FieldErrors; stepUp?: true };
