import { z } from "zod";
import { singleLine } from "./text";

export const PASSWORD_MIN_LENGTH = 12;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters for the password.`)
  .max(200, "Use at most 200 characters for the password.");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});

export const signUpSchema = z.object({
  accountName: singleLine("Enter the name of your organisation.", 100),
  name: singleLine("Enter your name.", 100),
  email: emailSchema,
  password: passwordSchema,
});

// Strength beyond the length (zxcvbn) is checked on the server: lib/auth/password-policy.ts.
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password.").max(200),
  newPassword: passwordSchema,
  // Set by the one-time-password page: where to go once the password is set.
  next: z.string().max(2000).optional(),
});

export const switchAccountSchema = z.strictObject({ accountId: z.uuid() });
export const endSessionSchema = z.strictObject({ sessionId: z.uuid() });
export const endOtherSessionsSchema = z.strictObject({});

export const acceptInvitationSchema = z.strictObject({
  token: z.string().max(100),
  // Absent when the person is already signed in with the invited email.
  password: z.string().min(1, "Enter a password.").max(200, "Use at most 200 characters for the password.").optional(),
});

// The code from the verification mail: 6 digits, spaces and dashes (as the mail groups
// them, or a paste) ignored.
export const emailCodeSchema = z.strictObject({
  code: z
    .string()
    .max(40)
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6 digits from the mail.")),
  // Where to go once confirmed (the page that sent the person here).
  next: z.string().max(2000).optional(),
});

export const emailLinkSchema = z.strictObject({ token: z.string().max(100) });
export const resendVerificationSchema = z.strictObject({});

// "Forgot password?": the email to send the link to.
export const forgotPasswordSchema = z.object({ email: emailSchema });

// The page of the mailed link: its token and the new password (strength checked on the server).
export const resetPasswordSchema = z.object({
  token: z.string().max(100),
  password: passwordSchema,
});
