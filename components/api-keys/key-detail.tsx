import { ArrowLeft, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/cn";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Table, Td, Th } from "@/components/ui/table";
import { RoleSummary } from "@/components/roles/role-summary";
import type { ApiKeyDetailJson } from "@/lib/validations/api-key";
import type { AuditEventJson } from "@/lib/validations/audit";
import { formatDate, formatRelative } from "@/lib/format-date";
import { KeyDetailActions } from "./key-detail-actions";
import { KeyTags } from "./key-tags";
import { UnusedFor } from "./unused-days";
import { KeyStateBadge } from "./key-state-badge";
import type { KeyPageContext } from "./types";
import { ReporterNote } from "./reporter-note";

export function KeyDetail({
  keyDetail: key,
  page,
  events,
  createdBy,
  usage,
}: {
  keyDetail: ApiKeyDetailJson;
  page: KeyPageContext;
  // Null: the member's role has No Access to the Audit Log.
  events: AuditEventJson[] | null;
  createdBy: string | null;
  // Its limits, quota and usage charts (components/usage/key-usage.tsx).
  usage: ReactNode;
}) {
  const { secrets, createdBy: _ref, ...row } = key;
  const role = page.roles.find((candidate) => candidate.id === key.role.id);
  return (
    <div className="space-y-6">
      <div>
        <Link
          href="/api-keys"
          className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft className="h-4 w-4" aria-hidden />
          API Keys
        </Link>
        <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
          <div className="flex min-w-0 flex-wrap items-center gap-3">
            {/* A one-word name as long as the form allows wraps anywhere rather than widen the page. */}
            <h1 className="min-w-0 text-2xl font-semibold wrap-anywhere text-foreground">{key.name}</h1>
            <KeyStateBadge keyRow={key} now={page.now} />
          </div>
          <KeyDetailActions row={row} page={page} />
        </div>
      </div>

      {key.leakReport ? (
        <p
          role="alert"
          className="flex gap-2 rounded-lg border border-destructive-foreground/30 bg-destructive-soft px-4 py-3 text-sm text-destructive-foreground"
        >
          <ShieldAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
          <span>
            Disabled after a leak report on {formatDate(key.leakReport.reportedAt, true)}. Roll it (the leaked secret
            gets no grace period), then enable it; or delete it. <ReporterNote source={key.leakReport.source} />
          </span>
        </p>
      ) : null}

      <section aria-labelledby="key-details" className="rounded-lg border border-border bg-card p-5 shadow-xs">
        <h2 id="key-details" className="text-base font-semibold text-foreground">
          Details
        </h2>
        <dl className="mt-4 grid gap-x-8 gap-y-4 text-sm sm:grid-cols-2">
          <Item label="Key ID">
            <span className="inline-flex items-center gap-1">
              <code className="font-mono text-xs break-all">{key.keyId}</code>
              <CopyButton value={key.keyId} label="Copy Key ID" subtle />
            </span>
          </Item>
          <Item label="Key">
            <code className="font-mono text-xs">{key.start}…</code>
          </Item>
          <Item label="Created">
            <time dateTime={key.createdAt}>{formatDate(key.createdAt, true)}</time>
            {createdBy ? <span className="text-muted-foreground"> by {createdBy}</span> : null}
          </Item>
          <Item label="Last used">
            {key.lastUsedAt ? (
              <>
                <time dateTime={key.lastUsedAt} title={formatDate(key.lastUsedAt, true)}>
                  {formatRelative(key.lastUsedAt, page.now)}
                </time>
                {key.lastUsedAddress ? (
                  <span className="text-muted-foreground"> from {key.lastUsedAddress}</span>
                ) : null}
              </>
            ) : (
              <span className="text-muted-foreground">Never</span>
            )}
            <UnusedFor keyRow={key} now={page.now} disableAfterDays={page.disableUnusedAfterDays} always />
          </Item>
          <Item label="Expires">
            {key.expiresAt ? (
              <time dateTime={key.expiresAt}>{formatDate(key.expiresAt, true)}</time>
            ) : (
              <span className="text-muted-foreground">Never</span>
            )}
          </Item>
          <Item label="IP allowlist">
            {key.ipAllowlist.length > 0 ? (
              <ul className="space-y-0.5 font-mono text-xs">
                {key.ipAllowlist.map((entry) => (
                  <li key={entry}>{entry}</li>
                ))}
              </ul>
            ) : (
              <span className="text-muted-foreground">
                {key.bindToFirstAddress ? "Any address until the first request" : "Any address"}
              </span>
            )}
            {key.bindToFirstAddress ? (
              <p className="mt-1 text-xs text-muted-foreground">Binds to the address of its first request.</p>
            ) : null}
          </Item>
          <Item label="Tags">
            {Object.keys(key.tags).length > 0 ? (
              <KeyTags tags={key.tags} />
            ) : (
              <span className="text-muted-foreground">None</span>
            )}
          </Item>
          <Item label="Description" className="sm:col-span-2">
            {key.description ? (
              <p className="whitespace-pre-line [overflow-wrap:anywhere]">{key.description}</p>
            ) : (
              <span className="text-muted-foreground">None</span>
            )}
          </Item>
          <Item label={`Role: ${key.role.name}`} className="sm:col-span-2">
            {role ? <RoleSummary permissions={role.permissions} /> : null}
          </Item>
        </dl>
      </section>

      {usage}

      <section aria-labelledby="key-secrets">
        <h2 id="key-secrets" className="mb-2 text-base font-semibold text-foreground">
          Roll history
        </h2>
        <Table label="Roll history">
          <thead>
            <tr>
              <Th>Secret</Th>
              <Th>Created</Th>
              <Th>Works until</Th>
            </tr>
          </thead>
          <tbody>
            {secrets.map((secret) => (
              <tr key={`${secret.start}-${secret.createdAt}`}>
                <Td>
                  <code className="font-mono text-xs">{secret.start}…</code>
                </Td>
                <Td>{formatDate(secret.createdAt, true)}</Td>
                <Td>
                  {secret.state === "current" ? (
                    <span className="font-medium text-success-foreground">Current</span>
                  ) : secret.state === "grace" ? (
                    <span className="text-warning-foreground">
                      Grace period, until {formatDate(secret.validUntil!, true)}
                    </span>
                  ) : (
                    <span className="text-muted-foreground">Stopped {formatDate(secret.validUntil!, true)}</span>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="key-events">
        <h2 id="key-events" className="mb-2 text-base font-semibold text-foreground">
          Activity
        </h2>
        {events === null ? (
          <p className="text-sm text-muted-foreground">Your role has No Access to the Audit Log.</p>
        ) : (
          <Table label="Activity">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>What</Th>
                <Th>Changes</Th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <Td className="align-top whitespace-nowrap">{formatDate(event.createdAt, true)}</Td>
                  <Td className="align-top">
                    {event.actor.name}
                    {event.clientAddress ? (
                      <span className="block text-xs text-muted-foreground">from {event.clientAddress}</span>
                    ) : null}
                  </Td>
                  <Td className="align-top">
                    <code className="font-mono text-xs">{event.action}</code>
                  </Td>
                  <Td className="align-top">
                    <Changes changes={event.changes} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}

function Item({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn("min-w-0", className)}>
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</dt>
      <dd className="mt-1 text-foreground">{children}</dd>
    </div>
  );
}

function Changes({ changes }: { changes: AuditEventJson["changes"] }) {
  if (!changes) return <span className="text-muted-foreground">–</span>;
  const show = (value: unknown) => (value === null ? "none" : JSON.stringify(value));
  return (
    <ul className="space-y-0.5 text-xs">
      {Object.entries(changes).map(([field, change]) => (
        <li key={field} className="[overflow-wrap:anywhere]">
          <span className="font-medium">{field}</span>: {show(change.from)} → {show(change.to)}
        </li>
      ))}
    </ul>
  );
}
