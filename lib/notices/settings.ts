import type { Actor } from "@/lib/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordChange } from "@/lib/records/write";
import {
  isOptionalNotice,
  OPTIONAL_NOTICES,
  SECURITY_NOTICE_REFUSAL,
  type NoticeSettingInput,
  type OptionalNotice,
} from "@/lib/validations/notices";

// A person's notice settings, kept with their login (so they hold in every account): the
// optional kinds they turned off. Security notices are not a setting: turning one off is
// refused here, whatever the form sent.
export type NoticeSettings = Record<OptionalNotice, boolean>;

const toSettings = (off: string[]): NoticeSettings =>
  Object.fromEntries(OPTIONAL_NOTICES.map((kind) => [kind, !off.includes(kind)])) as NoticeSettings;

export async function noticeSettings(identityId: string): Promise<NoticeSettings> {
  const identity = await getDb().identity.findUniqueOrThrow({
    where: { id: identityId },
    select: { noticesOff: true },
  });
  return toSettings(identity.noticesOff);
}

const settingsKind = { notFound: "Your login no longer exists.", conflict: "Your settings changed meanwhile." };

// Turns one kind on or off, recorded as "member.notice_settings" in the current account.
export async function setNoticeSetting(
  session: { identityId: string; email: string; actor: Actor },
  input: NoticeSettingInput,
): Promise<NoticeSettings> {
  const { kind, enabled } = input;
  if (!isOptionalNotice(kind)) {
    if (!enabled) throw new AppError("forbidden", SECURITY_NOTICE_REFUSAL);
    return noticeSettings(session.identityId);
  }
  return recordChange(session.actor, settingsKind, async (tx) => {
    // Locked, so that two switches flipped at once both count.
    const [row] = await tx.$queryRaw<{ notices_off: string[] }[]>`
      SELECT notices_off FROM identities WHERE id = ${session.identityId}::uuid FOR UPDATE`;
    if (!row) throw new AppError("not_found", settingsKind.notFound);
    const was = !row.notices_off.includes(kind);
    const off = OPTIONAL_NOTICES.filter((other) => (other === kind ? !enabled : row.notices_off.includes(other)));
    await tx.identity.update({ where: { id: session.identityId }, data: { noticesOff: off } });
    const label = (on: boolean) => (on ? "on" : "off");
    return {
      result: toSettings(off),
      event: {
        action: "member.notice_settings",
        target: { type: "member", id: session.actor.id, name: session.email },
        changes: was === enabled ? null : { [kind]: { from: label(was), to: label(enabled) } },
      },
    };
  });
}
