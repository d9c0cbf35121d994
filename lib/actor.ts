import type { Permissions } from "@/lib/permissions";

// Who is acting, for which account, with which permissions: a signed-in member or a key.
export type Actor = {
  accountId: string;
  // "member:<id>" or "api_key:<keyId>", as written to the audit log.
  ref: string;
  permissions: Permissions;
};
