import "server-only";
import { roleChoices } from "@/components/roles/role-options";
import { headers } from "next/headers";
import { getKeyPolicy } from "@/lib/api-keys/policy";
import type { Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { publicOrigin } from "@/lib/http/public-origin";
import { allows } from "@/lib/permissions";
import { listRoles } from "@/lib/roles/queries";
import type { KeyPageContext } from "./types";

// What the key pages (list and detail) hand to their dialogs, read once per render.
export async function keyPageContext(member: Actor): Promise<KeyPageContext> {
  const [roles, policy, headerList] = await Promise.all([
    listRoles(member.accountId),
    getKeyPolicy(member.accountId),
    headers(),
  ]);
  return {
    roles: roleChoices(roles, member.permissions),
    canWrite: allows(member.permissions, "api_keys", "FULL"),
    canSetPolicy: allows(member.permissions, "team", "FULL"),
    canReadAudit: allows(member.permissions, "audit_log", "READ"),
    maxLifetimeDays: policy.maxKeyLifetimeDays,
    disableUnusedAfterDays: policy.disableUnusedAfterDays,
    origin: publicOrigin(headerList),
    now: now().getTime(),
  };
}
