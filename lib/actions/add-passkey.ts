"use server";

import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { addPasskey } from "@/lib/auth/passkeys";
import { AppError } from "@/lib/errors";
import { addPasskeySchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

// The browser's new passkey, named: verified against the challenge handed out (once).
export const addPasskeyAction = sessionAction(
  addPasskeySchema,
  async (input, { session }) => {
    let response: RegistrationResponseJSON;
    try {
      response = JSON.parse(input.response) as RegistrationResponseJSON;
    } catch {
      throw new AppError("bad_request", "Your browser's answer could not be read. Add the passkey again.");
    }
    if (typeof response?.response?.clientDataJSON !== "string")
      throw new AppError("bad_request", "Your browser's answer could not be read. Add the passkey again.");
    await addPasskey(session, await headers(), { name: input.name, response });
    revalidatePath("/account");
    return {};
  },
  { whileTwoFactorMissing: true, stepUp: true },
);
