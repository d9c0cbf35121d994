import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { NoticeSettings } from "@/components/account/notice-settings";
import { SessionsList } from "@/components/account/sessions-list";
import { TwoFactorSection } from "@/components/two-factor/two-factor-section";
import { PageHeader } from "@/components/portal/page-header";
import { requireSession } from "@/lib/auth/current-member";
import { listSessions } from "@/lib/auth/manage-sessions";
import { now } from "@/lib/clock";
import { twoFactorStatus } from "@/lib/auth/second-factor";
import { noticeSettings } from "@/lib/notices/settings";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const session = await requireSession("/account");
  const [sessions, notices, twoFactor] = await Promise.all([
    listSessions(session),
    noticeSettings(session.identityId),
    twoFactorStatus(session.identityId),
  ]);
  return (
    <>
      <PageHeader
        title="Your account"
        description="Your login, your password and second factors, the mail you get, and where you are signed in."
      />
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="profile-heading" className="rounded-lg border border-border bg-card p-6">
          <h2 id="profile-heading" className="text-base font-semibold text-foreground">
            Profile
          </h2>
          <dl className="mt-4 space-y-3 text-sm">
            <div>
              <dt className="text-muted-foreground">Name</dt>
              <dd className="font-medium text-foreground">{session.actor.name}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Email</dt>
              <dd className="font-medium text-foreground">{session.email}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Role in {session.actor.accountName}</dt>
              <dd className="font-medium text-foreground">{session.actor.role.name}</dd>
            </div>
          </dl>
        </section>
        <section aria-labelledby="password-heading" className="rounded-lg border border-border bg-card p-6">
          <h2 id="password-heading" className="text-base font-semibold text-foreground">
            Change password
          </h2>
          <p className="mt-1 text-sm text-muted-foreground">Your other sessions end when you change it.</p>
          <div className="mt-4">
            <ChangePasswordForm submitLabel="Change password" />
          </div>
        </section>
      </div>
      <section aria-labelledby="two-factor-heading" className="mt-8 rounded-lg border border-border bg-card p-6">
        <h2 id="two-factor-heading" className="text-base font-semibold text-foreground">
          Two-factor sign-in
        </h2>
        <p className="mt-1 mb-4 text-sm text-muted-foreground">
          With a second factor, your password alone no longer signs you in: you also enter a code from your phone or use
          a passkey.
        </p>
        <TwoFactorSection status={twoFactor} />
      </section>
      <section aria-labelledby="notices-heading" className="mt-8 rounded-lg border border-border bg-card p-6">
        <h2 id="notices-heading" className="text-base font-semibold text-foreground">
          Notifications
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">
          Mail to {session.email} when something needs your attention, in any of your accounts.
        </p>
        <NoticeSettings settings={notices} />
      </section>
      <section aria-labelledby="sessions-heading" className="mt-8">
        <SessionsList sessions={sessions} now={now().getTime()} />
      </section>
    </>
  );
}
