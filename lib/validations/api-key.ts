import { z } from "zod";
import { pageQuerySchema, searchParam } from "./common";
import { keyLimitsInput } from "./key-limits";
import { singleLine } from "./text";

export const keyNameSchema = singleLine("Enter a name for the key.", 100, "Use at most 100 characters for the name.");

export const roleIdSchema = z.uuid({ error: "Choose a role." });

export const createApiKeySchema = z.strictObject({ name: keyNameSchema, roleId: roleIdSchema, ...keyLimitsInput });

export const updateApiKeySchema = z
  .strictObject({ name: keyNameSchema.optional(), roleId: roleIdSchema.optional(), ...keyLimitsInput })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    error: "Send a name, a roleId, a rateLimit or a quota.",
  });

export const keyIdSchema = z.string().regex(/^key_[0-9A-Za-z]{16}$/, "Not a Key ID.");

export const API_KEY_SORTS = ["name", "createdAt", "lastUsedAt"] as const;

export const listApiKeysSchema = pageQuerySchema.extend({
  q: searchParam("Part of the name or Key ID"),
  sort: z.enum(API_KEY_SORTS).default("createdAt").meta({
    description: "name sorts without regard to case; lastUsedAt puts never-used keys first ascending, last descending.",
  }),
  dir: z.enum(["asc", "desc"]).default("desc"),
});

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
export type UpdateApiKeyInput = z.infer<typeof updateApiKeySchema>;
export type ListApiKeysQuery = z.infer<typeof listApiKeysSchema>;
