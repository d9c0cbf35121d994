import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { scopeWithin, type KeyScope } from "@/lib/key-scope";
import { AREAS, exceeding, type Permissions } from "@/lib/permissions";

// The one rule for who may touch what: an actor may create, change, demote or delete a
// key, role or member only if both the target's current access and its new access are
// within the actor's own. The record writer (write.ts) applies it to every such change,
// before and after, so the portal and the API can't disagree.
//
// `field` says where a form shows the refusal: on the role picker, or on each level.
//
// A scoped key (lib/key-scope.ts) may only touch access that reaches no further than its own
// scope: keys scoped within it. Roles and members reach the whole account, so a scoped key
// can't create, change or delete them: a scope never widens what it allows.
export function assertWithinOwnAccess(
  actor: Pick<Actor, "permissions" | "scope">,
  access: Permissions,
  subject: string,
  field?: "roleId" | "permissions",
  scope: KeyScope | null = null,
): void {
  if (!scopeWithin(scope, actor.scope ?? null)) {
    throw new AppError("forbidden", `${subject} reaches records outside this key's scope.`, {
      ...(field === "roleId" ? { fieldErrors: { scope: ["Wider than this key's own scope."] } } : {}),
    });
  }
  const over = exceeding(access, actor.permissions);
  if (over.length === 0) return;
  const labels = over.map((area) => AREAS[area].label).join(", ");
  const fieldErrors =
    field === "permissions"
      ? Object.fromEntries(over.map((area) => [`permissions.${area}`, ["Above your own access."]]))
      : field === "roleId"
        ? { roleId: [`This role has more access than yours in: ${labels}.`] }
        : undefined;
  throw new AppError("forbidden", `${subject} has more access than you. Too high in: ${labels}.`, {
    areas: over,
    ...(fieldErrors ? { fieldErrors } : {}),
  });
}
