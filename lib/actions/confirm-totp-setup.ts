"use server";

import { confirmTotpSetup } from "@/lib/auth/two-factor";
import { totpConfirmSchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

// The first code from the app confirms it; the answer carries the recovery codes, once.
// No revalidation here: the setup page of an account that requires two-factor would move
// on before the codes are shown; the dialog refreshes the page when it closes.
export const confirmTotpSetupAction = sessionAction(
  totpConfirmSchema,
  async ({ code }, { session }) => confirmTotpSetup(session, code),
  { whileTwoFactorMissing: true, stepUp: true },
);
