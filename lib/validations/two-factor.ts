import { z } from "zod";

// A code typed for a second factor: 6 digits from an authenticator app, or a recovery
// code ("xxxxx-xxxxx"). Spaces are allowed (apps show "123 456").
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(1, "Enter the code from your authenticator app, or a recovery code.")
  .max(40, "Enter the code from your authenticator app, or a recovery code.");

// A passkey's answer, as the JSON its browser returned (checked by @simplewebauthn/server).
export const passkeyAnswerSchema = z.string().min(1, "Use your passkey.").max(20_000, "Use your passkey.");

// The sign-in's second step: the pending sign-in (from its cookie) and the code, or a
// passkey's answer.
export const secondStepSchema = z.union([
  z.object({ pending: z.string().min(1).max(1000), code: secondFactorCodeSchema }),
  z.object({ pending: z.string().min(1).max(1000), passkey: passkeyAnswerSchema }),
]);

// A passwordless sign-in: a passkey's answer, and the value of the browser's cookie that
// its challenge is bound to (lib/auth/passkey-sign-in.ts).
export const passkeySignInSchema = z.object({
  passkey: passkeyAnswerSchema,
  binding: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});

// A passkey to add: its name and the browser's answer to the registration options.
export const addPasskeySchema = z.strictObject({
  name: z.string().trim().min(1, "Name the passkey.").max(60, "Use at most 60 characters."),
  response: passkeyAnswerSchema,
});

export const removePasskeySchema = z.strictObject({ id: z.uuid() });

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
  passkey: passkeyAnswerSchema.optional(),
  password: z.string().max(200).optional(),
});

export const twoFactorPolicySchema = z.strictObject({ requireTwoFactor: z.boolean() });
