import "server-only";
import type { Actor } from "@/lib/actor";
import { seal, unseal } from "@/lib/auth/sealed";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import type { Tx } from "@/lib/records/kind";
import { recordChange } from "@/lib/records/write";
import type { SsoSettingsInput } from "@/lib/validations/sso";

// An account's single sign-on settings, as Owners see and change them. The client secret
// is sealed at rest and never leaves the server: the page only learns that one is set.
export type SsoSettingsView = {
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  allowedDomains: string[];
  requireSso: boolean;
  allowJoin: boolean;
  defaultRoleId: string | null;
};

const ssoKind = { notFound: "This account has no single sign-on.", conflict: "The settings changed meanwhile." };

export async function getSsoSettings(accountId: string): Promise<SsoSettingsView | null> {
  const row = await getDb().ssoConnection.findUnique({ where: { accountId } });
  if (!row) return null;
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecretSet: row.clientSecretSealed !== "",
    allowedDomains: row.allowedDomains,
    requireSso: row.requireSso,
    allowJoin: row.allowJoin,
    defaultRoleId: row.defaultRoleId,
  };
}

// What the sign-in flow needs: the provider and its readable secret. A secret sealed under
// another AUTH_SECRET reads as null (the Owner enters it again).
export async function loadSsoConnection(accountId: string) {
  const row = await getDb().ssoConnection.findUnique({
    where: { accountId },
    include: { account: { select: { name: true } } },
  });
  if (!row) return null;
  return { ...row, accountName: row.account.name, clientSecret: unseal("sso-client-secret", row.clientSecretSealed) };
}

// Creates or replaces the settings, recorded as "account.sso_update" (the secret only as
// "replaced"). Turning "Require SSO" on ends the password sessions of the members it
// concerns (everyone but Owners), so it holds from the next request.
export async function saveSsoSettings(actor: Actor, input: SsoSettingsInput): Promise<SsoSettingsView> {
  const { accountId } = actor;
  if (new URL(input.issuer).protocol === "http:" && !config.ssoAllowPrivateNetworks) {
    throw fieldError("issuer", "Use the issuer's https:// URL.");
  }
  await recordChange(actor, ssoKind, async (tx) => {
    const before = await tx.ssoConnection.findUnique({ where: { accountId } });
    if (!before && input.clientSecret === "") throw fieldError("clientSecret", "Enter the client secret.");
    if (input.defaultRoleId) await checkJoinRole(tx, accountId, input.defaultRoleId);
    const fields = {
      issuer: input.issuer,
      clientId: input.clientId,
      allowedDomains: input.allowedDomains,
      requireSso: input.requireSso,
      allowJoin: input.allowJoin,
      defaultRoleId: input.defaultRoleId,
    };
    const clientSecretSealed = input.clientSecret ? seal("sso-client-secret", input.clientSecret) : undefined;
    if (before) {
      await tx.ssoConnection.update({
        where: { accountId },
        data: { ...fields, ...(clientSecretSealed ? { clientSecretSealed } : {}) },
      });
    } else {
      await tx.ssoConnection.create({ data: { accountId, ...fields, clientSecretSealed: clientSecretSealed! } });
    }
    if (input.requireSso && !before?.requireSso) await endPasswordSessions(tx, accountId);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [name, to] of Object.entries(fields)) {
      const from = before ? before[name as keyof typeof fields] : null;
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[name] = { from, to };
    }
    if (clientSecretSealed) changes.clientSecret = { from: before ? "set" : null, to: before ? "replaced" : "set" };
    return {
      result: undefined,
      event: {
        action: "account.sso_update",
        target: { type: "account", id: accountId, name: actor.accountName },
        changes: Object.keys(changes).length > 0 ? changes : null,
      },
    };
  });
  return (await getSsoSettings(accountId))!;
}

// Removes single sign-on: everyone signs in with a password again ("account.sso_remove").
export async function removeSsoSettings(actor: Actor): Promise<void> {
  await recordChange(actor, ssoKind, async (tx) => {
    const { count } = await tx.ssoConnection.deleteMany({ where: { accountId: actor.accountId } });
    if (count === 0) throw new AppError("not_found", ssoKind.notFound);
    return {
      result: undefined,
      event: {
        action: "account.sso_remove",
        target: { type: "account", id: actor.accountId, name: actor.accountName },
        changes: null,
      },
    };
  });
}

// People who join through the provider get this role: one of the account's, never Owner
// (Owners are invited by name).
async function checkJoinRole(tx: Tx, accountId: string, roleId: string) {
  const role = await tx.role.findFirst({ where: { id: roleId, accountId }, select: { builtIn: true } });
  if (!role) throw fieldError("defaultRoleId", "Choose a role of this account.");
  if (role.builtIn === "OWNER") throw fieldError("defaultRoleId", "People who join can't be Owners: invite Owners.");
}

function endPasswordSessions(tx: Tx, accountId: string) {
  return tx.session.deleteMany({
    where: {
      viaSso: false,
      member: { accountId, role: { OR: [{ builtIn: null }, { builtIn: { not: "OWNER" } }] } },
    },
  });
}
