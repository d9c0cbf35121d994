"use server";

import { headers } from "next/headers";
import { passkeyRegistrationOptions } from "@/lib/auth/passkeys";
import { emptySchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

// The options the browser needs to create a passkey (a challenge kept for 5 minutes).
// Adding a factor is a dangerous change: it needs a fresh proof (lib/auth/step-up.ts).
export const startPasskeyRegistrationAction = sessionAction(
  emptySchema,
  async (_input, { session }) => ({ options: await passkeyRegistrationOptions(session, await headers()) }),
  { whileTwoFactorMissing: true, stepUp: true },
);
