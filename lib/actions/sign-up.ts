"use server";

import { headers } from "next/headers";
import { createAccount } from "@/lib/accounts/create-account";
import { signInWithPassword } from "./sign-in-with-password";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";
import type { ActionResult } from "./result";
import { invalid, toActionError } from "./safe-action";

export async function signUpAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const meta = requestMetaFrom(await headers());
    await runWithRequest(meta, () => createAccount(parsed.data, meta.clientAddress));
  } catch (error) {
    return toActionError(error);
  }
  return signInWithPassword(signInSchema.parse(parsed.data));
}
