"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { endOtherSessionsAction, endSessionAction } from "@/lib/actions/end-session";
import type { SessionView } from "@/lib/auth/manage-sessions";
import { formatDate, formatRelative } from "@/lib/format-date";
import { describeUserAgent } from "@/lib/user-agent";

// The person's live sessions in every account, each with "End", and one button for all
// but this one.
// `now`: the server's clock when it rendered, so the browser's first render (hydration)
// writes the same "2 min ago" as the server did.
export function SessionsList({ sessions, now }: { sessions: SessionView[]; now: number }) {
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
    <div className="rounded-lg border border-border bg-card">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-border px-6 py-4">
        <div>
          <h2 id="sessions-heading" className="text-base font-semibold text-foreground">
            Sessions
          </h2>
          <p className="text-sm text-muted-foreground">
            Where you are signed in now. End any you don&apos;t recognise.
          </p>
        </div>
        {/* aria-disabled, not disabled: once the others are signed out, focus comes back here. */}
        <Button
          variant="secondary"
          aria-disabled={others === 0 || pending || undefined}
          onClick={() => {
            if (others > 0 && !pending) setConfirmAll(true);
          }}
        >
          Sign out of all other sessions
        </Button>
      </div>
      {/* On a phone only the device, last seen and the action are shown. */}
      <div>
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-muted-foreground uppercase">
            <tr>
              <th className="px-6 py-2 font-medium">Device</th>
              <th className="hidden px-6 py-2 font-medium sm:table-cell">Address</th>
              <th className="hidden px-6 py-2 font-medium md:table-cell">Account</th>
              <th className="hidden px-6 py-2 font-medium md:table-cell">Signed in</th>
              <th className="px-6 py-2 font-medium">Last seen</th>
              <th className="px-6 py-2 font-medium">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {sessions.map((session) => (
              <tr key={session.id} data-testid="session-row">
                <td
                  className="max-w-40 truncate px-4 py-3 text-foreground sm:max-w-xs sm:px-6"
                  title={session.userAgent ?? undefined}
                >
                  {describeAgent(session.userAgent)}
                  {session.current ? (
                    <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                      This session
                    </span>
                  ) : null}
                </td>
                <td className="hidden px-6 py-3 font-mono text-xs text-muted-foreground sm:table-cell">
                  {session.clientAddress ?? "unknown"}
                </td>
                <td className="hidden px-6 py-3 text-muted-foreground md:table-cell">{session.accountName}</td>
                <td className="hidden px-6 py-3 text-muted-foreground md:table-cell">
                  {formatDate(session.createdAt, true)}
                </td>
                <td className="px-6 py-3 text-muted-foreground">{formatRelative(session.lastSeenAt, now)}</td>
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
      </div>
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

// "Safari on iPhone" from a user agent string (lib/user-agent.ts), or the string's start.
function describeAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const { browser, system } = describeUserAgent(userAgent);
  if (browser && system) return `${browser} on ${system}`;
  return userAgent.slice(0, 40);
}
