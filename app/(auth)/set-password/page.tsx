import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { getCurrentSession } from "@/lib/auth/current-member";
import { landingPath, safeNextPath } from "@/lib/portal/landing";

export const metadata: Metadata = { title: "Choose your password" };

// First sign-in with a one-time password (an admin chose it): the person replaces it
// before anything else; portal pages and actions send them here until they do.
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const session = await getCurrentSession();
  const next = safeNextPath((await searchParams).next);
  if (!session) redirect(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  if (!session.mustChangePassword) redirect(next ?? landingPath(session.actor.permissions));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Choose your password</h1>
        <p className="mt-1 text-sm text-slate-500">
          You signed in to {session.actor.accountName} with a one-time password. Replace it with one only you know.
        </p>
      </div>
      <ChangePasswordForm submitLabel="Set password" currentLabel="One-time password" next={next ?? ""} />
    </div>
  );
}
