"use server";

import { headers } from "next/headers";
import { createAccount } from "@/lib/accounts/create-account";
import { signInWithPassword } from "./sign-in-with-password";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { countSignUp } from "@/lib/rate-limit/sign-up";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";
import type { ActionResult } from "./result";
import { invalid, toActionError } from "./safe-action";

// A new login is signed in to "Check your email" (the mail is on its way); an existing
// login, whose password was given, to its new organisation.
export async function signUpAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  let verified: boolean;
  try {
    const meta = requestMetaFrom(await headers());
    await countSignUp(meta.clientAddress);
    ({ verified } = await runWithRequest(meta, () => createAccount(parsed.data, meta.clientAddress)));
  } catch (error) {
    return toActionError(error);
  }
  return signInWithPassword(signInSchema.parse(parsed.data), verified ? null : "/verify-email");
}
