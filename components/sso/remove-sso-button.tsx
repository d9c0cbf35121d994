"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { useStepUp } from "@/components/two-factor/step-up";
import { removeSsoSettingsAction } from "@/lib/actions/save-sso-settings";

export function RemoveSsoButton() {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const withStepUp = useStepUp();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Remove single sign-on
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Remove single sign-on?"
        description="Members sign in with their passwords again; those who joined through the identity provider set one with “Forgot password?”."
        confirmLabel="Remove"
        pendingLabel="Removing…"
        action={() => withStepUp(() => removeSsoSettingsAction({}))}
        success="Single sign-on is removed."
        onDone={() => router.refresh()}
      />
    </>
  );
}
