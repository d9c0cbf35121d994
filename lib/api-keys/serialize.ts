import { z } from "zod";
import { isoDate } from "@/lib/validations/common";
import type { ApiKeyView } from "./manage";

export const apiKeySchema = z.object({
  keyId: z.string(),
  name: z.string(),
  start: z.string().meta({ description: "The prefix and first characters of the secret." }),
  role: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable().meta({ description: "Precise to about 5 seconds." }),
});

export const createdApiKeySchema = apiKeySchema.extend({
  secret: z.string().meta({ description: "The key itself. Shown in this response only." }),
});

export type ApiKeyJson = z.infer<typeof apiKeySchema>;

// The API's representation of a key: its Key ID, never its secret or hash.
export function serializeApiKey(key: ApiKeyView): ApiKeyJson {
  return {
    keyId: key.keyId,
    name: key.name,
    start: key.start,
    role: key.role,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}
