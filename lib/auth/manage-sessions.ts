import "server-only";
import { now } from "@/lib/clock";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordChange } from "@/lib/records/write";
import { endOtherSessionsIn, sessionKind, type CurrentSession } from "./sessions";

// What the account page does with a person's sessions: list them, end one, end all the
// others. Each end is recorded in the current account ("session.end", "session.end_others").
export type SessionView = {
  id: string;
  accountName: string;
  createdAt: string;
  lastSeenAt: string;
  clientAddress: string | null;
  userAgent: string | null;
  current: boolean;
};

// This person's live sessions in every account: this one first, then the newest.
export async function listSessions(current: CurrentSession): Promise<SessionView[]> {
  const at = now();
  const idleCutoff = new Date(at.getTime() - config.sessionIdleTimeoutSeconds * 1000);
  const rows = await getDb().session.findMany({
    where: { identityId: current.identityId, expiresAt: { gt: at }, lastSeenAt: { gt: idleCutoff } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      clientAddress: true,
      userAgent: true,
      member: { select: { account: { select: { name: true } } } },
    },
  });
  const views = rows.map((row) => ({
    id: row.id,
    accountName: row.member.account.name,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    clientAddress: row.clientAddress,
    userAgent: row.userAgent,
    current: row.id === current.sessionId,
  }));
  return [...views.filter((view) => view.current), ...views.filter((view) => !view.current)];
}

// Ends one of this person's other sessions ("session.end").
export async function endSession(current: CurrentSession, sessionId: string): Promise<void> {
  await recordChange(current.actor, sessionKind, async (tx) => {
    const session = await tx.session.findFirst({
      where: { id: sessionId, identityId: current.identityId },
      select: { id: true, clientAddress: true, userAgent: true },
    });
    if (!session) throw notFound();
    await tx.session.delete({ where: { id: session.id } });
    return {
      result: undefined,
      event: {
        action: session.id === current.sessionId ? "member.sign_out" : "session.end",
        target: { type: "session", id: session.id, name: describeSession(session) },
        changes: null,
      },
    };
  });
}

// "Sign out of all other sessions" ("session.end_others"): every session of this person
// but the current one, in every account.
export async function endOtherSessions(current: CurrentSession): Promise<number> {
  return recordChange(current.actor, sessionKind, async (tx) => {
    const { count } = await endOtherSessionsIn(tx, current.identityId, current.sessionId);
    return {
      result: count,
      event: {
        action: "session.end_others",
        target: { type: "member", id: current.actor.id, name: current.email },
        changes: { endedSessions: { from: null, to: count } },
      },
    };
  });
}

function describeSession(session: { clientAddress: string | null; userAgent: string | null }): string {
  return [session.userAgent?.slice(0, 80), session.clientAddress].filter(Boolean).join(" from ") || "a session";
}

function notFound() {
  return new AppError("not_found", sessionKind.notFound);
}
