import { z } from "zod";

// A code typed for a second factor: 6 digits from an authenticator app, or a recovery
// code ("xxxxx-xxxxx"). Spaces are allowed (apps show "123 456").
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(1, "Enter the code from your authenticator app, or a recovery code.")
  .max(40, "Enter the code from your authenticator app, or a recovery code.");

// The sign-in's second step: the pending sign-in (from its cookie) and the code.
export const secondStepSchema = z.object({
  pending: z.string().min(1).max(1000),
  code: secondFactorCodeSchema,
});

export const totpConfirmSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code your app shows.")),
});

export const emptySchema = z.strictObject({});

// The step-up dialog: a second factor, or the password for a login without one.
export const stepUpSchema = z.strictObject({
  code: z.string().trim().max(40).optional(),
  password: z.string().max(200).optional(),
});

export const twoFactorPolicySchema = z.strictObject({ requireTwoFactor: z.boolean() });
