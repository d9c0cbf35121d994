import type { RoleChoice } from "@/components/roles/role-options";
import type { ApiKeyJson } from "@/lib/validations/api-key";

// What the API Keys page hands to the browser is the API's own representation of a key:
// never a secret or a hash.
export type KeyRow = ApiKeyJson;

// What every key dialog on a page needs: roles to offer, whether the member may change
// keys or read the audit log, the account's maximum key lifetime, this portal's base URL (for curl examples),
// and the server's clock at render time (epoch ms) for states like "Expiring in 3 days".
export type KeyPageContext = {
  roles: RoleChoice[];
  canWrite: boolean;
  // May set the account-wide key policy (Team Full Access).
  canSetPolicy: boolean;
  canReadAudit: boolean;
  maxLifetimeDays: number | null;
  // The account's unused-key policy: keys unused this many days are disabled; null: never.
  disableUnusedAfterDays: number | null;
  origin: string;
  now: number;
};
