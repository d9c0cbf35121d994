import type { Permissions } from "@/lib/permissions";
import { toKeyLimits, type KeyLimits, type KeyLimitsRow } from "@/lib/key-limits";
import type { KeyScope } from "@/lib/key-scope";

// Who is acting: a signed-in member or an API key, in one shape. Built only here, from
// the database rows the session check and the key check read.
export type Actor = {
  kind: "member" | "api_key";
  // The member's id, or the key's Key ID (its public handle).
  id: string;
  // The member's id, or the key's internal row id.
  rowId: string;
  // The member's name, or the key's name.
  name: string;
  // The member's email; null for a key.
  email: string | null;
  accountId: string;
  accountName: string;
  role: { id: string; name: string };
  permissions: Permissions;
  // A key's own rate limits and quota (null: none), cached with the key.
  limits?: KeyLimits | null;
  // A key's notes for people (whoami returns them), cached with the key.
  notes?: { description: string; tags: Record<string, string> };
  // A key's per-record scope (lib/key-scope.ts), cached with the key; null or absent: the
  // whole account (a member is never scoped).
  scope?: KeyScope | null;
};

// "member:<id>" or "api_key:<keyId>": how records store who created or deleted them.
export function actorRef(actor: Actor): string {
  return `${actor.kind}:${actor.id}`;
}

// How the audit log names the actor: the member's email, or the key's name.
export function actorLabel(actor: Actor): string {
  return actor.email ?? actor.name;
}

type RoleRow = { id: string; name: string };
type AccountRow = { id: string; name: string };

export function memberActor(
  member: { id: string; name: string; email: string; account: AccountRow; role: RoleRow },
  permissions: Permissions,
): Actor {
  return {
    kind: "member",
    id: member.id,
    rowId: member.id,
    name: member.name,
    email: member.email,
    accountId: member.account.id,
    accountName: member.account.name,
    role: { id: member.role.id, name: member.role.name },
    permissions,
  };
}

export function keyActor(
  key: { id: string; keyId: string; name: string; account: AccountRow; role: RoleRow } & Partial<KeyLimitsRow> & {
      notes?: { description: string; tags: Record<string, string> };
      scope?: KeyScope | null;
    },
  permissions: Permissions,
): Actor {
  return {
    kind: "api_key",
    id: key.keyId,
    rowId: key.id,
    name: key.name,
    email: null,
    accountId: key.account.id,
    accountName: key.account.name,
    role: { id: key.role.id, name: key.role.name },
    permissions,
    limits: toKeyLimits(key),
    notes: key.notes ?? { description: "", tags: {} },
    scope: key.scope ?? null,
  };
}
