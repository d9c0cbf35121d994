"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogContent, DialogFooter } from "@/components/ui/dialog";

export type NewInvitation = { email: string; url: string; mailed: boolean };

// A new invitation's show-once link, and whether its mail is on its way (else, without
// SMTP_URL, the inviter passes the link on).
export function InvitationLinkContent({
  title,
  invitation,
  onClose,
}: {
  title: string;
  invitation: NewInvitation;
  onClose: () => void;
}) {
  return (
    <DialogContent
      key="invitation"
      title={title}
      description={
        invitation.mailed
          ? `An invitation mail is on its way to ${invitation.email}. You can also share this link: it works once, for 7 days, and will not be shown again.`
          : `Email isn't set up on this server: share this link with ${invitation.email}. It works once, for 7 days, and will not be shown again.`
      }
      onInteractOutside={(event) => event.preventDefault()}
    >
      <div className="flex items-start gap-2">
        <code
          data-testid="invitation-url"
          className="min-w-0 flex-1 rounded-md border border-border bg-muted px-3 py-2 font-mono text-xs break-all"
        >
          {invitation.url}
        </code>
        <CopyButton value={invitation.url} label="Copy" />
      </div>
      <DialogFooter>
        <Button onClick={onClose}>Done</Button>
      </DialogFooter>
    </DialogContent>
  );
}
