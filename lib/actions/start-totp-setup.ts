"use server";

import { startTotpSetup } from "@/lib/auth/two-factor";
import { emptySchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

// Adding a factor is a dangerous change: it needs a fresh proof (lib/auth/step-up.ts).
export const startTotpSetupAction = sessionAction(
  emptySchema,
  async (_input, { session }) => ({ setup: await startTotpSetup(session) }),
  { whileTwoFactorMissing: true, stepUp: true },
);
