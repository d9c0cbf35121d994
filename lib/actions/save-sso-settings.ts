"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { removeSsoSettings, saveSsoSettings } from "@/lib/sso/settings";
import { removeSsoSchema, ssoSettingsSchema } from "@/lib/validations/sso";
import { sessionAction } from "./safe-action";

const OWNERS_ONLY = "Only Owners of this account can change its single sign-on.";

// The account's identity provider: Owners only (the built-in role, not a permission), like
// the other account-wide policies that decide who gets in; a fresh proof of identity first
// (step-up, lib/auth/step-up.ts), as for every account policy.
export const saveSsoSettingsAction = sessionAction(
  ssoSettingsSchema,
  async (input, { actor, session }) => {
    if (!session.owner) throw new AppError("forbidden", OWNERS_ONLY);
    const settings = await saveSsoSettings(actor, input);
    revalidatePath("/single-sign-on");
    return { settings };
  },
  { stepUp: true },
);

export const removeSsoSettingsAction = sessionAction(
  removeSsoSchema,
  async (_input, { actor, session }) => {
    if (!session.owner) throw new AppError("forbidden", OWNERS_ONLY);
    await removeSsoSettings(actor);
    revalidatePath("/single-sign-on");
    return {};
  },
  { stepUp: true },
);
