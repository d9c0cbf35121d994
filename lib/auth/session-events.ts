import { headers } from "next/headers";
import { recordEvent } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { requestMetaFrom, runWithRequest, type RequestMeta } from "@/lib/http/request-context";
import { loadMemberActor } from "./load-member";

// Sign-in, failed sign-in and sign-out are audit events of the member's account.
// A failed sign-in for an email no account knows has no account to go to: not recorded.
type SessionAction = "member.sign_in" | "member.sign_in_failed" | "member.sign_out";

export async function recordSessionEvent(
  action: SessionAction,
  who: { memberId: string } | { email: string },
  meta?: RequestMeta,
): Promise<void> {
  const member = await loadMemberActor("memberId" in who ? { id: who.memberId } : { email: who.email });
  if (!member) return;
  const actor =
    action === "member.sign_in_failed"
      ? { kind: "anonymous" as const, accountId: member.accountId, label: member.email ?? "" }
      : member;
  const requestMeta = meta ?? (await currentHeadersMeta());
  const write = () =>
    getDb().$transaction((tx) =>
      recordEvent(tx, actor, { action, target: { type: "member", id: member.id, name: member.email } }),
    );
  await (requestMeta ? runWithRequest(requestMeta, write) : write());
}

async function currentHeadersMeta(): Promise<RequestMeta | undefined> {
  try {
    return requestMetaFrom(await headers());
  } catch {
    return undefined;
  }
}
