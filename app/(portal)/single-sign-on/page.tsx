import type { Metadata } from "next";
import { headers } from "next/headers";
import { OwnersOnly } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { SsoSettingsForm } from "@/components/sso/sso-settings-form";
import { requireSession } from "@/lib/auth/current-member";
import { publicOrigin } from "@/lib/http/public-origin";
import { listRoles } from "@/lib/roles/queries";
import { CALLBACK_PATH } from "@/lib/sso/flow";
import { getSsoSettings } from "@/lib/sso/settings";

export const metadata: Metadata = { title: "Single sign-on" };

// Owners only: the account's OpenID Connect identity provider and who may sign in with it.
export default async function SingleSignOnPage() {
  const session = await requireSession("/single-sign-on");
  const header = (
    <PageHeader
      title="Single sign-on"
      description="Members sign in through your organisation's identity provider (OpenID Connect) with “Continue with SSO”."
    />
  );
  if (!session.owner)
    return (
      <>
        {header}
        <OwnersOnly what="Single sign-on" />
      </>
    );
  const { accountId } = session.actor;
  const [settings, roles] = await Promise.all([getSsoSettings(accountId), listRoles(accountId)]);
  const joinRoles = roles.filter((role) => !role.builtIn).map((role) => ({ id: role.id, name: role.name }));
  return (
    <>
      {header}
      <section aria-label="Identity provider" className="max-w-2xl rounded-lg border border-border bg-card p-6">
        <SsoSettingsForm
          settings={settings}
          roles={joinRoles}
          callbackUrl={`${publicOrigin(await headers())}${CALLBACK_PATH}`}
        />
      </section>
    </>
  );
}
