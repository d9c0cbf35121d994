import { z } from "zod";
import { emailSchema } from "./auth";
import { singleLine } from "./text";

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

// The domains an Owner types (commas, spaces or new lines between them), lower-cased,
// without duplicates; "@example.com" is taken as "example.com".
export const allowedDomainsSchema = z
  .string()
  .max(2000, "Use at most 2000 characters.")
  .transform((value) => [
    ...new Set(
      value
        .toLowerCase()
        .split(/[\s,;]+/)
        .map((entry) => entry.replace(/^@/, ""))
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string())
      .max(50, "Use at most 50 domains.")
      .superRefine((domains, context) => {
        const bad = domains.find((domain) => !DOMAIN.test(domain));
        if (bad) {
          context.addIssue({
            code: "custom",
            message: `“${bad.slice(0, 60)}” is not a domain: enter domains such as example.com, separated by commas.`,
          });
        }
      }),
  );

// An account's identity provider as the Owner's form sends it. The client secret is empty
// to keep the stored one (it is never shown again).
export const ssoSettingsSchema = z
  .strictObject({
    issuer: z
      .string()
      .trim()
      .max(500, "Use at most 500 characters.")
      .pipe(z.url({ protocol: /^https?$/, error: "Enter the issuer's URL, e.g. https://login.example.com." }))
      .transform((value) => value.replace(/\/+$/, "")),
    clientId: singleLine("Enter the client ID the identity provider gave you.", 500),
    clientSecret: z.string().max(2000, "Use at most 2000 characters.").default(""),
    allowedDomains: allowedDomainsSchema,
    requireSso: z.boolean().default(false),
    allowJoin: z.boolean().default(false),
    defaultRoleId: z.uuid("Choose a role.").nullable().default(null),
  })
  .refine((value) => !value.allowJoin || value.allowedDomains.length > 0, {
    path: ["allowedDomains"],
    error: "Name the domains whose people may join.",
  });
export type SsoSettingsInput = z.infer<typeof ssoSettingsSchema>;

export const removeSsoSchema = z.strictObject({});

// "Continue with SSO": the email that finds the person's identity provider.
export const ssoStartSchema = z.object({ email: emailSchema });
