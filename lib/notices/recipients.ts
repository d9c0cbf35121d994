import type { NoticeReader } from "@/lib/mail/notices";
import type { Tx } from "@/lib/records/kind";
import { isOptionalNotice, type NoticeKind } from "@/lib/validations/notices";

// Who reads a key's notice: the member who created the key and the account's Owners, each
// person once (one login may be both), without those who turned this kind off. Members
// only invited (no login yet) and keys made by other keys add nobody.
export type KeyReader = NoticeReader & { memberId: string };

export const wants = (identity: { noticesOff: string[] }, kind: NoticeKind) =>
  !isOptionalNotice(kind) || !identity.noticesOff.includes(kind);

// A key's created_by_id ("member:<id>" or "api_key:<Key ID>") as a member id, or null.
export function creatorMemberId(createdById: string | null): string | null {
  const [type, id] = (createdById ?? "").split(":");
  return type === "member" && /^[0-9a-f-]{36}$/.test(id) ? id : null;
}

export async function keyReaders(
  tx: Tx,
  accountId: string,
  creatorIds: string[],
  kind: NoticeKind,
): Promise<KeyReader[]> {
  const members = await tx.member.findMany({
    where: {
      accountId,
      identityId: { not: null },
      OR: [{ role: { builtIn: "OWNER" } }, ...(creatorIds.length > 0 ? [{ id: { in: creatorIds } }] : [])],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      role: { select: { builtIn: true } },
      identity: { select: { email: true, noticesOff: true } },
    },
  });
  return members.flatMap((member) => {
    if (!member.identity || !wants(member.identity, kind)) return [];
    const reasons: KeyReader["reasons"] = [];
    if (creatorIds.includes(member.id)) reasons.push("creator");
    if (member.role.builtIn === "OWNER") reasons.push("owner");
    return [{ memberId: member.id, name: member.name, email: member.identity.email, reasons }];
  });
}
