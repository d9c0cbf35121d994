import "server-only";
import { AuthError } from "next-auth";
import type { ActionResult } from "@/lib/actions/result";
import { signIn } from "./index";

// A wrong email and a wrong password get the same message.
export async function signInWithPassword(credentials: { email: string; password: string }): Promise<ActionResult> {
  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn("credentials", { ...credentials, redirectTo: "/api-keys" });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, error: "The email or password is wrong." };
    throw error;
  }
}
