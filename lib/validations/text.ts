import { z } from "zod";
import { AppError } from "@/lib/errors";

// Text people send. Control characters (C0 and DEL) are refused everywhere — PostgreSQL
// can't even store NUL — except tab and newline in multi-line text; a name must show
// something, not only spaces, zero-width or other invisible characters.
const CONTROL = /[\u0000-\u001F\u007F]/;
const CONTROL_EXCEPT_TAB_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F]/;
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}]/u;
export const NO_CONTROL_CHARACTERS = "Remove the control characters (such as NUL) from this field.";

// A one-line name or label, trimmed; `required` is the message when nothing visible is left.
export function singleLine(required: string, max: number, tooLong = `Use at most ${max} characters.`) {
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, tooLong)
    .refine((value) => !CONTROL.test(value), NO_CONTROL_CHARACTERS)
    .refine((value) => value.length === 0 || VISIBLE.test(value), required);
}

// Free text such as a description: tabs and newlines are fine, other control characters not.
export function multiLine(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine((value) => !CONTROL_EXCEPT_TAB_NEWLINE.test(value), NO_CONTROL_CHARACTERS);
}

// A search filter typed into a box: one line, no control characters, may be empty.
export function searchText(max = 100) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((value) => !CONTROL.test(value), NO_CONTROL_CHARACTERS);
}

// The guard in front of every schema: any string anywhere in a body, a server action's
// input or a query string that holds a control character other than tab or newline is
// refused with a field error at its path, before anything reaches the database.
export function assertNoControlCharacters(value: unknown, path: string[] = []): void {
  const found = firstControlCharacter(value, path);
  if (found !== null) {
    throw new AppError("validation_failed", NO_CONTROL_CHARACTERS, {
      fieldErrors: { [found || "(body)"]: [NO_CONTROL_CHARACTERS] },
    });
  }
}

function firstControlCharacter(value: unknown, path: string[]): string | null {
  if (typeof value === "string") return CONTROL_EXCEPT_TAB_NEWLINE.test(value) ? path.join(".") : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = firstControlCharacter(value[index], [...path, String(index)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL_EXCEPT_TAB_NEWLINE.test(key)) return [...path, "(key)"].join(".");
      const found = firstControlCharacter(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}
