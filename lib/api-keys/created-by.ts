import { getDb } from "@/lib/db";

// Who created a key, from its created_by_id ("member:<id>" or "api_key:<Key ID>"), as a
// name to show: the member's name and email, or the creating key's name. A member or key
// that no longer exists is named by the reference itself.
export async function creatorName(accountId: string, ref: string | null): Promise<string | null> {
  if (!ref) return null;
  const [kind, id] = ref.split(":");
  const db = getDb();
  if (kind === "member") {
    const member = /^[0-9a-f-]{36}$/.test(id)
      ? await db.member.findFirst({
          where: { id, accountId },
          select: { name: true, identity: { select: { email: true } } },
        })
      : null;
    if (!member) return ref;
    return member.identity ? `${member.name} (${member.identity.email})` : member.name;
  }
  if (kind === "api_key") {
    const key = await db.apiKey.findFirst({ where: { keyId: id, accountId }, select: { name: true } });
    return key ? `key “${key.name}” (${id})` : ref;
  }
  return ref;
}
