"use server";

import { createAccount } from "@/lib/accounts/create-account";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";
import type { ActionResult } from "./result";
import { invalid, toActionError } from "./safe-action";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";

export async function signUpAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await createAccount(parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  return signInWithPassword(signInSchema.parse(parsed.data));
}
