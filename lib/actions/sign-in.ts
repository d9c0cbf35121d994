"use server";

import { signInWithPassword } from "./sign-in-with-password";
import { safeNextPath } from "@/lib/portal/landing";
import { signInSchema } from "@/lib/validations/auth";
import type { ActionResult } from "./result";
import { invalid } from "./safe-action";

export async function signInAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const { next, ...fields } = Object.fromEntries(formData);
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error);
  return signInWithPassword(parsed.data, safeNextPath(next));
}
