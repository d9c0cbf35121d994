import type { Metadata } from "next";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { FormAlert } from "@/components/auth/form-alert";
import { getCurrentSession } from "@/lib/auth/current-member";
import { findInvitation } from "@/lib/team/invitations";

// The token is in the path: keep it out of Referer headers of anything this page loads.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitation(token);
  if (!invitation) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Invitation</h1>
        <FormAlert message="This invitation link is not valid any more: it was used, revoked or has expired. Ask for a new one." />
      </div>
    );
  }
  const session = await getCurrentSession();
  return (
    <AcceptInvitationForm
      token={token}
      invitation={{
        email: invitation.email,
        accountName: invitation.accountName,
        roleName: invitation.roleName,
      }}
      signedInAs={session?.email ?? null}
    />
  );
}
