"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Dialog } from "@/components/ui/dialog";
import type { RowDialogProps } from "@/components/ui/use-row-dialogs";
import { resendInvitationAction } from "@/lib/actions/resend-invitation";
import { InvitationLinkContent, type NewInvitation } from "./invitation-link-dialog";
import type { MemberRow } from "./types";

// "Resend invitation": confirmed first (the old link stops working), then a toast when the
// mail is on its way, or the new link to pass on when email isn't set up on this server.
export function ResendInvitationDialog({ member, ...dialog }: RowDialogProps & { member: MemberRow }) {
  const [sent, setSent] = useState<NewInvitation | null>(null);
  const [pending, startTransition] = useTransition();

  function resend() {
    startTransition(async () => {
      const result = await resendInvitationAction({ id: member.id });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      dialog.onOpenChange(false);
      if (result.invitationMailed) toast.success(`A new invitation is on its way to ${result.email}.`);
      else setSent({ email: result.email, url: result.invitationUrl, mailed: false });
    });
  }

  return (
    <>
      <ConfirmDialog
        {...dialog}
        title={`Resend the invitation of ${member.name}?`}
        description={`A new link goes to ${member.email}, valid for 7 days. The link sent before stops working.`}
        confirmLabel="Resend invitation"
        pendingLabel="Sending…"
        pending={pending}
        onConfirm={resend}
      />
      <Dialog open={sent !== null} onOpenChange={(open) => !open && setSent(null)} returnFocus={dialog.returnFocus}>
        {sent ? (
          <InvitationLinkContent title="New invitation link" invitation={sent} onClose={() => setSent(null)} />
        ) : null}
      </Dialog>
    </>
  );
}
