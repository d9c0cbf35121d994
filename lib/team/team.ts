import type { Actor } from "@/lib/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPermissions } from "@/lib/permissions";
import { defineKind, type Tx } from "@/lib/records/kind";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { defineResource } from "@/lib/records/resource";
import { createRecord, deleteRecord, readRecord, updateRecord } from "@/lib/records/write";
import { roleOfAccount } from "@/lib/roles/queries";
import { createMemberSchema, memberSchema, updateMemberSchema, type MemberJson } from "@/lib/validations/team";
import { invitationMail } from "@/lib/mail/invitation";
import { queueMail } from "@/lib/mail/queue";
import { queueRoleChangedNotice } from "@/lib/notices/role-changed";
import { wakeOutbox } from "@/lib/outbox/worker";
import { describeWait } from "@/lib/rate-limit/failures";
import { limits, RESENDS_PER_15_MINUTES } from "@/lib/rate-limit/limits";
import { invitationUrl, newInvitationToken } from "./invitations";

const select = {
  id: true,
  name: true,
  createdAt: true,
  identityId: true,
  identity: { select: { email: true, passwordChangedAt: true, emailVerifiedAt: true } },
  invitation: { select: { email: true, expiresAt: true } },
  role: { select: { id: true, name: true, builtIn: true, permissions: { select: { area: true, level: true } } } },
} satisfies Prisma.MemberSelect;

export type MemberRecord = Prisma.MemberGetPayload<{ select: typeof select }>;

const emailOf = (member: MemberRecord) => member.identity?.email ?? member.invitation?.email ?? "";

// Active, or accepted with a new login that hasn't confirmed its email yet (it can't act
// until it does), or invited (a pending link).
const statusOf = (member: MemberRecord): MemberJson["status"] => {
  if (!member.identity) return "invited";
  return member.identity.emailVerifiedAt ? "active" : "unverified";
};

export const toMemberJson = (member: MemberRecord): MemberJson => ({
  id: member.id,
  name: member.name,
  email: emailOf(member),
  role: { id: member.role.id, name: member.role.name },
  status: statusOf(member),
  invitationExpiresAt: member.invitation?.expiresAt.toISOString() ?? null,
  createdAt: member.createdAt.toISOString(),
});

// A member of the account: active (a login's membership) or invited (a pending link).
// Emails of other accounts' members are never looked at: the only clash is inside this account.
export const memberKind = defineKind<MemberRecord>({
  type: "member",
  notFound: "No team member with this id.",
  conflict: "This email is already a member of this account, or has a pending invitation to it.",
  load: (tx, accountId, id) => tx.member.findFirst({ where: { id, accountId }, select }),
  describe: (member) => ({
    id: member.id,
    name: emailOf(member),
    fields: {
      name: member.name,
      email: emailOf(member),
      role: member.role.name,
      status: statusOf(member),
      passwordChangedAt: member.identity?.passwordChangedAt?.toISOString() ?? null,
      invitationExpiresAt: member.invitation?.expiresAt.toISOString() ?? null,
    },
    access: {
      permissions: toPermissions(member.role.permissions),
      subject: `${member.name} (role ${member.role.name})`,
      field: "roleId",
    },
  }),
  view: toMemberJson,
});

// "Never without an Owner": the account row is locked first, so concurrent demotions and
// removals of Owners run one after another and each sees the others' result. Only members
// whose login confirmed its email count: an invited Owner can't sign in yet, and one who
// accepted with an unconfirmed email may never be the address's owner.
async function assertOwnerRemains(tx: Tx, accountId: string, action: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${accountId}::uuid FOR UPDATE`;
  const owners = await tx.member.count({
    where: { accountId, identity: { emailVerifiedAt: { not: null } }, role: { builtIn: "OWNER" } },
  });
  if (owners === 0) {
    throw new AppError(
      "conflict",
      `The last Owner of the account can't be ${action}. Make another member Owner first.`,
    );
  }
}

function queueInvitationMail(
  tx: Tx,
  actor: Actor,
  invitation: { email: string; name: string; role: { name: string }; url: string; expiresAt: Date },
) {
  return queueMail(tx, {
    accountId: actor.accountId,
    kind: "invitation",
    ...invitationMail({
      to: invitation.email,
      name: invitation.name,
      accountName: actor.accountName,
      roleName: invitation.role.name,
      inviterName: actor.kind === "member" ? actor.name : null,
      url: invitation.url,
      expiresAt: invitation.expiresAt,
    }),
  });
}

// "Resend invitation": a new link for an invited member, valid 7 days from now, and a
// new mail with it; the old link stops working at once. Same access rule as inviting
// (nobody sends an invitation to more access than their own), recorded as
// "invitation.resend" (the expiry's change), at most 3 per member per 15 minutes (only
// resends the access rule allows count).
export async function resendInvitation(actor: Actor, id: string): Promise<MemberJson & { invitationUrl: string }> {
  const { token, tokenHash, expiresAt } = newInvitationToken();
  const url = await invitationUrl(token);
  const member = await updateRecord(
    actor,
    memberKind,
    id,
    async (tx, before) => {
      if (!before.invitation) {
        throw new AppError("conflict", `${before.name} accepted the invitation already: there is nothing to resend.`);
      }
      const { over, waitMs } = await limits().invitationMails.fail(`${actor.accountId}:${id}`);
      if (over) {
        throw new AppError(
          "too_many_requests",
          `This invitation was sent ${RESENDS_PER_15_MINUTES} times within 15 minutes. Try again in ${describeWait(waitMs)}.`,
        );
      }
      const { count } = await tx.invitation.updateMany({
        where: { memberId: id, accountId: actor.accountId },
        data: { tokenHash, expiresAt },
      });
      if (count !== 1)
        throw new AppError("conflict", "This invitation was accepted or revoked meanwhile. Reload and try again.");
      const email = before.invitation.email;
      await queueInvitationMail(tx, actor, { email, name: before.name, role: before.role, url, expiresAt });
    },
    { action: "invitation.resend", afterCommit: async () => wakeOutbox() },
  );
  return { ...toMemberJson(member), invitationUrl: url };
}

// Oldest first.
export const memberList = defineList({
  table: "members",
  sorts: { createdAt: [{ column: "created_at", type: "timestamp(3)" }] },
});

export const team = defineResource({
  area: "team",
  name: "team",
  singular: "team member",
  schemas: {
    create: createMemberSchema,
    update: updateMemberSchema,
    output: memberSchema,
  },
  list: (accountId, query) =>
    readList(
      memberList,
      accountId,
      { ...query, sort: "createdAt", dir: "asc" },
      (ids) => getDb().member.findMany({ where: { accountId, id: { in: ids } }, select }),
      toMemberJson,
    ),
  get: async (accountId, id) => toMemberJson(await readRecord(accountId, memberKind, id)),
  // Adding a member invites them: a show-once link, whatever the email. Whether the email
  // already has a login (here or in another account) is not looked at, so the answer is
  // the same either way; the person proves who they are when they open the link.
  // The invitation mail is queued in the same transaction (sent after commit; without
  // SMTP_URL saved in DATA_DIR/mail/): no invitation without its mail, and the other way.
  async create(actor: Actor, input) {
    const { token, tokenHash, expiresAt } = newInvitationToken();
    const url = await invitationUrl(token);
    const member = await createRecord(
      actor,
      memberKind,
      async (tx) => {
        const role = await roleOfAccount(tx, actor.accountId, input.roleId);
        const already = await tx.member.findFirst({
          where: { accountId: actor.accountId, identity: { email: input.email } },
          select: { id: true },
        });
        if (already) throw new AppError("conflict", memberKind.conflict);
        const created = await tx.member.create({
          data: {
            accountId: actor.accountId,
            roleId: role.id,
            name: input.name,
            invitation: { create: { accountId: actor.accountId, email: input.email, tokenHash, expiresAt } },
          },
          select,
        });
        await queueInvitationMail(tx, actor, {
          email: input.email,
          name: input.name,
          role: created.role,
          url,
          expiresAt,
        });
        return created;
      },
      { action: "invitation.create", afterCommit: async () => wakeOutbox() },
    );
    return { ...toMemberJson(member), invitationUrl: url };
  },
  // A new role is mailed to its member (lib/notices/), in the same transaction.
  async update(actor, id, input) {
    let noticed = false;
    const member = await updateRecord(
      actor,
      memberKind,
      id,
      async (tx, before) => {
        const role = input.roleId ? await roleOfAccount(tx, actor.accountId, input.roleId) : undefined;
        await tx.member.update({
          where: { id, accountId: actor.accountId },
          data: { name: input.name, roleId: role?.id },
        });
        if (before.role.builtIn === "OWNER" && role && role.builtIn !== "OWNER") {
          await assertOwnerRemains(tx, actor.accountId, "given another role");
        }
        if (role && role.id !== before.role.id && !(actor.kind === "member" && actor.id === id)) {
          noticed = await queueRoleChangedNotice(tx, {
            accountId: actor.accountId,
            accountName: actor.accountName,
            memberId: id,
            from: before.role.name,
            toRoleId: role.id,
            by: actor.kind === "member" ? actor.name : `The API key “${actor.name}”`,
          });
        }
      },
      { afterCommit: async () => (noticed ? wakeOutbox() : undefined) },
    );
    return toMemberJson(member);
  },
  // Removing an invited member revokes the invitation ("invitation.revoke"): its link
  // stops working at once.
  async remove(actor, id) {
    const current = await readRecord(actor.accountId, memberKind, id);
    const invited = current.identityId === null;
    await deleteRecord(
      actor,
      memberKind,
      id,
      async (tx, member) => {
        if ((member.identityId === null) !== invited) {
          throw new AppError("conflict", "This member accepted or left meanwhile. Reload and try again.");
        }
        await tx.member.delete({ where: { id, accountId: actor.accountId } });
        if (member.role.builtIn === "OWNER" && !invited) await assertOwnerRemains(tx, actor.accountId, "removed");
      },
      { action: invited ? "invitation.revoke" : "member.delete" },
    );
  },
});
