import type { ApiKeyView } from "./manage";

// The API's representation of a key: its Key ID, never its secret or hash.
export function serializeApiKey(key: ApiKeyView) {
  return {
    keyId: key.keyId,
    name: key.name,
    start: key.start,
    role: key.role,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}
