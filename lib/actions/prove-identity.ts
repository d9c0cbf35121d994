"use server";

import { headers } from "next/headers";
import { proveAgain } from "@/lib/auth/step-up";
import { stepUpSchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

// The step-up dialog: a second factor (or the password, for a login without one) makes
// this session's proof fresh again. Braked like sign-in.
export const proveIdentityAction = sessionAction(
  stepUpSchema,
  async (input, { session }) => {
    await proveAgain(session, input, await headers());
    return {};
  },
  { whileTwoFactorMissing: true },
);
