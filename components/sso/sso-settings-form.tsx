"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/auth/form-alert";
import { CopyButton } from "@/components/ui/copy-button";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import type { FieldErrors } from "@/lib/actions/result";
import { saveSsoSettingsAction } from "@/lib/actions/save-sso-settings";
import { useStepUp } from "@/components/two-factor/step-up";
import type { SsoSettingsView } from "@/lib/sso/settings";
import { RemoveSsoButton } from "./remove-sso-button";

export type RoleChoice = { id: string; name: string };

const READ_ONLY_DEFAULT = "default";

// The account's identity provider, as its Owners set it. The client secret is never sent
// back: the field says whether one is stored, and stays empty to keep it.
export function SsoSettingsForm({
  settings,
  roles,
  callbackUrl,
}: {
  settings: SsoSettingsView | null;
  roles: RoleChoice[];
  callbackUrl: string;
}) {
  const [issuer, setIssuer] = useState(settings?.issuer ?? "");
  const [clientId, setClientId] = useState(settings?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [domains, setDomains] = useState(settings?.allowedDomains.join(", ") ?? "");
  const [requireSso, setRequireSso] = useState(settings?.requireSso ?? false);
  const [allowJoin, setAllowJoin] = useState(settings?.allowJoin ?? false);
  const [roleId, setRoleId] = useState(settings?.defaultRoleId ?? READ_ONLY_DEFAULT);
  const [secretSet, setSecretSet] = useState(settings?.clientSecretSet ?? false);
  const [errors, setErrors] = useState<FieldErrors>();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await withStepUp(() =>
        saveSsoSettingsAction({
          issuer,
          clientId,
          clientSecret,
          allowedDomains: domains,
          requireSso,
          allowJoin,
          defaultRoleId: roleId === READ_ONLY_DEFAULT ? null : roleId,
        }),
      );
      if (result.ok) {
        setErrors(undefined);
        setFormError(null);
        setClientSecret("");
        setSecretSet(true);
        setDomains(result.settings.allowedDomains.join(", "));
        toast.success("Single sign-on is saved.");
      } else {
        setErrors(result.fieldErrors);
        setFormError(result.fieldErrors ? null : result.error);
      }
    });
  }

  const roleOptions = [
    { value: READ_ONLY_DEFAULT, label: "Read Only (default)" },
    ...roles.map((role) => ({ value: role.id, label: role.name })),
  ];

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-5">
      {formError ? <FormAlert message={formError} /> : null}
      <div className="space-y-1.5 text-sm">
        <p className="font-medium text-foreground">Redirect URI</p>
        <p className="text-xs text-muted-foreground">Register it with your identity provider for this client.</p>
        <div className="flex items-center gap-2">
          <code className="min-w-0 flex-1 truncate rounded-md bg-muted px-2 py-1.5 text-xs" title={callbackUrl}>
            {callbackUrl}
          </code>
          <CopyButton value={callbackUrl} label="Copy redirect URI" />
        </div>
      </div>
      <Field
        id="sso-issuer"
        label="Issuer URL"
        error={errors?.issuer?.[0]}
        hint="Its discovery document is read from /.well-known/openid-configuration under it."
      >
        <Input
          id="sso-issuer"
          value={issuer}
          onChange={(event) => setIssuer(event.target.value)}
          placeholder="https://login.example.com"
          inputMode="url"
          autoComplete="off"
        />
      </Field>
      <Field id="sso-client-id" label="Client ID" error={errors?.clientId?.[0]}>
        <Input
          id="sso-client-id"
          value={clientId}
          onChange={(event) => setClientId(event.target.value)}
          autoComplete="off"
        />
      </Field>
      <Field
        id="sso-client-secret"
        label="Client secret"
        error={errors?.clientSecret?.[0]}
        hint={secretSet ? "A secret is set. Leave this empty to keep it, or type a new one to replace it." : undefined}
      >
        <Input
          id="sso-client-secret"
          type="password"
          value={clientSecret}
          onChange={(event) => setClientSecret(event.target.value)}
          placeholder={secretSet ? "Set (hidden)" : ""}
          autoComplete="new-password"
        />
      </Field>
      <Field
        id="sso-domains"
        label="Allowed email domains"
        error={errors?.allowedDomains?.[0]}
        hint="Separated by commas, e.g. example.com, example.org. Empty: the provider may sign in any address."
      >
        <Input
          id="sso-domains"
          value={domains}
          onChange={(event) => setDomains(event.target.value)}
          autoComplete="off"
        />
      </Field>
      <ToggleRow
        id="sso-require"
        label="Require SSO"
        description="Members can't sign in with a password. Owners still can, in case the identity provider fails."
        checked={requireSso}
        onChange={setRequireSso}
      />
      <ToggleRow
        id="sso-join"
        label="Let new people from the allowed domains join"
        description="Without an invitation, with the role below. Otherwise only invited members get in."
        checked={allowJoin}
        onChange={setAllowJoin}
      />
      <Field id="sso-role" label="Role for people who join" error={errors?.defaultRoleId?.[0]}>
        <Select id="sso-role" value={roleId} onValueChange={setRoleId} options={roleOptions} />
      </Field>
      <div className="flex flex-wrap items-center justify-between gap-3 pt-2">
        {settings ? <RemoveSsoButton /> : <span />}
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}

function ToggleRow(props: {
  id: string;
  label: string;
  description: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div>
        <label htmlFor={props.id} className="text-sm font-medium text-foreground">
          {props.label}
        </label>
        <p id={`${props.id}-description`} className="text-xs text-muted-foreground">
          {props.description}
        </p>
      </div>
      <Switch
        id={props.id}
        checked={props.checked}
        onCheckedChange={props.onChange}
        aria-describedby={`${props.id}-description`}
      />
    </div>
  );
}
