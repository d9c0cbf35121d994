"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { addPasskeyAction } from "@/lib/actions/add-passkey";
import { startPasskeyRegistrationAction } from "@/lib/actions/start-passkey-registration";
import { useStepUp } from "./step-up";

import { PASSKEY_CANCELLED } from "./passkey-messages";

// Adding a passkey: a name for it, then the browser (or phone, or security key) creates
// it. The name stays typed when something goes wrong.
export function AddPasskeyDialog({ open, onClose }: { open: boolean; onClose: (added: boolean) => void }) {
  const withStepUp = useStepUp();
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  const [pending, setPending] = useState(false);

  function close(added: boolean) {
    setName("");
    setError(undefined);
    setNameError(undefined);
    onClose(added);
  }

  async function add() {
    const options = await withStepUp(() => startPasskeyRegistrationAction({}));
    if (!options.ok) return setError(options.error);
    let response;
    try {
      response = await startRegistration({ optionsJSON: options.options });
    } catch {
      return setError(PASSKEY_CANCELLED);
    }
    const result = await withStepUp(() => addPasskeyAction({ name, response: JSON.stringify(response) }));
    if (result.ok) return close(true);
    setNameError(result.fieldErrors?.name?.[0]);
    setError(result.fieldErrors?.name ? undefined : result.error);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setNameError("Name the passkey.");
    setNameError(undefined);
    setError(undefined);
    setPending(true);
    await add().finally(() => setPending(false));
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : close(false))}>
      {open ? (
        <DialogContent
          title="Add a passkey"
          description="Name it after the device that keeps it. Your browser then asks you to create it."
        >
          <form onSubmit={submit} noValidate className="space-y-4">
            <Field id="passkey-name" label="Passkey name" error={nameError}>
              <Input
                id="passkey-name"
                name="name"
                value={name}
                maxLength={60}
                placeholder="Work laptop"
                onChange={(event) => setName(event.target.value)}
                aria-invalid={nameError ? true : undefined}
                aria-describedby={nameError ? "passkey-name-error" : undefined}
                required
                autoFocus
              />
            </Field>
            {error ? (
              <p role="alert" className="text-sm text-destructive-foreground">
                {error}
              </p>
            ) : null}
            <DialogFooter>
              <Button variant="secondary" onClick={() => close(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Adding…" : "Add passkey"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
