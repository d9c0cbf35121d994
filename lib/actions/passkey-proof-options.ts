"use server";

import { headers } from "next/headers";
import { passkeyAuthenticationOptions } from "@/lib/auth/passkeys";
import { emptySchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

// The step-up dialog's passkey: options to sign a challenge with one of the login's passkeys.
export const passkeyProofOptionsAction = sessionAction(
  emptySchema,
  async (_input, { session }) => ({ options: await passkeyAuthenticationOptions(session.identityId, await headers()) }),
  { whileTwoFactorMissing: true },
);
