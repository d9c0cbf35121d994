import type { ApiKeyJson } from "@/lib/api-keys/view";
import type { Permissions } from "@/lib/permissions";

// What the API Keys page hands to the browser is the API's own representation of a key:
// never a secret or a hash.
export type KeyRow = ApiKeyJson;

export type RoleChoice = { id: string; name: string; permissions: Permissions; grantable: boolean };
