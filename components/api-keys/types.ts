import type { Permissions } from "@/lib/permissions";

// What the API Keys page hands to the browser: never a secret or a hash.
export type KeyRow = {
  keyId: string;
  name: string;
  start: string;
  role: { id: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
};

export type RoleChoice = { id: string; name: string; permissions: Permissions; grantable: boolean };
