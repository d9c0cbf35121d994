"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { endOtherSessionsAction, endSessionAction } from "@/lib/actions/end-session";
import type { SessionView } from "@/lib/auth/manage-sessions";
import { formatDate, formatRelative } from "@/lib/format-date";

// The person's live sessions in every account, each with "End", and one button for all
// but this one.
export function SessionsList({ sessions }: { sessions: SessionView[] }) {
  const [confirmAll, setConfirmAll] = useState(false);
  const [pending, startTransition] = useTransition();
  const others = sessions.filter((session) => !session.current).length;

  function end(session: SessionView) {
    startTransition(async () => {
      const result = await endSessionAction({ sessionId: session.id });
      if (result.ok) toast.success("Session ended.");
      else toast.error(result.error);
    });
  }

  function endAll() {
    startTransition(async () => {
      const result = await endOtherSessionsAction({});
      if (result.ok) toast.success(`${result.ended} other session${result.ended === 1 ? "" : "s"} ended.`);
      else toast.error(result.error);
      setConfirmAll(false);
    });
  }

  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-6 py-4">
        <div>
          <h2 id="sessions-heading" className="text-base font-semibold text-slate-900">
            Sessions
          </h2>
          <p className="text-sm text-slate-500">Where you are signed in now. End any you don&apos;t recognise.</p>
        </div>
        <Button variant="secondary" disabled={others === 0 || pending} onClick={() => setConfirmAll(true)}>
          Sign out of all other sessions
        </Button>
      </div>
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th className="px-6 py-2 font-medium">Device</th>
            <th className="px-6 py-2 font-medium">Address</th>
            <th className="px-6 py-2 font-medium">Account</th>
            <th className="px-6 py-2 font-medium">Signed in</th>
            <th className="px-6 py-2 font-medium">Last seen</th>
            <th className="px-6 py-2 font-medium">
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sessions.map((session) => (
            <tr key={session.id} data-testid="session-row">
              <td className="max-w-xs truncate px-6 py-3 text-slate-900" title={session.userAgent ?? undefined}>
                {describeAgent(session.userAgent)}
                {session.current ? (
                  <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">
                    This session
                  </span>
                ) : null}
              </td>
              <td className="px-6 py-3 font-mono text-xs text-slate-600">{session.clientAddress ?? "unknown"}</td>
              <td className="px-6 py-3 text-slate-600">{session.accountName}</td>
              <td className="px-6 py-3 text-slate-600">{formatDate(session.createdAt, true)}</td>
              <td className="px-6 py-3 text-slate-600">{formatRelative(session.lastSeenAt)}</td>
              <td className="px-6 py-3 text-right">
                {session.current ? null : (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={pending}
                    aria-label={`End session ${describeAgent(session.userAgent)} from ${session.clientAddress ?? "unknown"}`}
                    onClick={() => end(session)}
                  >
                    End
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={confirmAll}
        onOpenChange={setConfirmAll}
        title="Sign out of all other sessions?"
        description={`${others} other session${others === 1 ? "" : "s"} will be signed out on their next request. This one stays signed in.`}
        confirmLabel="Sign out"
        pending={pending}
        onConfirm={endAll}
      />
    </div>
  );
}

// "Chrome on Linux" from a user agent string, or the string's start.
function describeAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /Mac OS X|Macintosh/.test(userAgent)
      ? "macOS"
      : /Android/.test(userAgent)
        ? "Android"
        : /iPhone|iPad/.test(userAgent)
          ? "iOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  if (browser && system) return `${browser} on ${system}`;
  return userAgent.slice(0, 40);
}
