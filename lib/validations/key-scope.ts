import { z } from "zod";

// A key's per-record scope as the API and the portal's dialogs send and read it
// (lib/key-scope.ts, lib/records/scope.ts).
export const MAX_SCOPE_IDS = 100;

const ids = (what: string) =>
  z
    .array(z.uuid(`Send the id of a ${what} of this account.`))
    .max(MAX_SCOPE_IDS, `Use at most ${MAX_SCOPE_IDS} ${what}s.`)
    .default([]);

export const keyScopeSchema = z
  .strictObject({ networks: ids("network"), groups: ids("group") })
  .refine((scope) => scope.networks.length + scope.groups.length > 0, {
    error: "Choose at least one network or group, or send null for the whole account.",
  })
  .nullable()
  .meta({
    description:
      "The networks and groups the key may reach, with the users and vouchers that belong to them; null: the whole account. It never adds to what the role allows.",
    examples: [{ networks: ["3f0c8e4e-2b1a-4c57-9a52-7d0c1e2f3a4b"], groups: [] }],
  });

export const keyScopeOutput = z
  .object({ networks: z.array(z.uuid()), groups: z.array(z.uuid()) })
  .nullable()
  .meta({
    description:
      "The networks and groups the key reaches (with their users and vouchers); null: the whole account. Ids of records deleted since stay and match nothing.",
  });

export type KeyScopeInput = z.infer<typeof keyScopeSchema>;
