import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionsList } from "@/components/account/sessions-list";
import { PageHeader } from "@/components/portal/page-header";
import { requireSession } from "@/lib/auth/current-member";
import { listSessions } from "@/lib/auth/manage-sessions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const session = await requireSession("/account");
  const sessions = await listSessions(session);
  return (
    <>
      <PageHeader title="Your account" description="Your login, your password, and where you are signed in." />
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="profile-heading" className="rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="profile-heading" className="text-base font-semibold text-slate-900">
            Profile
          </h2>
          <dl className="mt-4 space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">Name</dt>
              <dd className="font-medium text-slate-900">{session.actor.name}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Email</dt>
              <dd className="font-medium text-slate-900">{session.email}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Role in {session.actor.accountName}</dt>
              <dd className="font-medium text-slate-900">{session.actor.role.name}</dd>
            </div>
          </dl>
        </section>
        <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="password-heading" className="text-base font-semibold text-slate-900">
            Change password
          </h2>
          <p className="mt-1 text-sm text-slate-500">Your other sessions end when you change it.</p>
          <div className="mt-4">
            <ChangePasswordForm submitLabel="Change password" />
          </div>
        </section>
      </div>
      <section aria-labelledby="sessions-heading" className="mt-8">
        <SessionsList sessions={sessions} />
      </section>
    </>
  );
}
