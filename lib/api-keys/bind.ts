import type { Actor } from "@/lib/actor";
import { diff } from "@/lib/audit/diff";
import { bindingRange } from "@/lib/http/ip-allowlist";
import { recordChange } from "@/lib/records/write";
import { apiKeyKind, dropCachedKeys } from "./kind";

// Bind to first address: the first request of a key with the option on sets the key's
// allowlist to its client address (IPv4 /32, IPv6 /64) and turns the option off, as the
// key's own audited change (api_key.bind). One conditional update decides among concurrent
// first requests on any number of instances: the one whose update matched bound the key
// (true); the others get false, and the caller checks them against the key's new allowlist
// in a fresh read. A request from an unknown address binds nothing and goes on like any
// request under the key's allowlist as it is.
export async function bindToAddress(key: Actor, clientAddress: string | null): Promise<boolean> {
  const entry = bindingRange(clientAddress);
  if (!entry) return true;
  return recordChange(
    key,
    apiKeyKind,
    async (tx) => {
      const where = { id: key.rowId, accountId: key.accountId, bindToFirstAddress: true, deletedAt: null };
      const before = await tx.apiKey.findFirst({ where, select: { ipAllowlist: true } });
      const { count } = before
        ? await tx.apiKey.updateMany({ where, data: { ipAllowlist: [entry], bindToFirstAddress: false } })
        : { count: 0 };
      if (!before || count === 0) return { result: false, event: null };
      return {
        result: true,
        event: {
          action: "api_key.bind",
          target: { type: apiKeyKind.type, id: key.id, name: key.name },
          changes: diff(
            { ipAllowlist: before.ipAllowlist, bindToFirstAddress: true },
            { ipAllowlist: [entry], bindToFirstAddress: false },
          ),
        },
      };
    },
    // Either way this key's cached entries are stale: the next check reads the new allowlist.
    { afterCommit: () => dropCachedKeys([key.rowId]) },
  );
}
