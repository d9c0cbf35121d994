import type { EventType } from "@/lib/validations/webhook";

// Which webhook event an audited change of a record is, if any: the record writer
// publishes it with the record's API view in the change's own transaction. Events of
// other moments (expiry, quota, a leak report, an accepted invitation) are published where
// those are detected.
const EVENT_OF_ACTION: Record<string, EventType> = {
  "api_key.create": "api_key.created",
  "api_key.update": "api_key.updated",
  "api_key.delete": "api_key.deleted",
  "api_key.roll": "api_key.rolled",
  "api_key.disable": "api_key.disabled",
  "api_key.enable": "api_key.enabled",
  "invitation.create": "member.invited",
  "member.delete": "member.removed",
  "invitation.revoke": "member.removed",
  "role.create": "role.created",
  "role.update": "role.updated",
  "role.delete": "role.deleted",
};

export function eventOfAction(action: string, changes: Record<string, unknown> | null): EventType | null {
  // A member's update is an event only when the role changed (a new name is none).
  if (action === "member.update") return changes && "role" in changes ? "member.role_changed" : null;
  return EVENT_OF_ACTION[action] ?? null;
}
