import { usageOfAccount } from "@/lib/usage/read";
import { now } from "@/lib/clock";
import { usagePresetOf, usageQueryOf } from "@/lib/usage/presets";
import { usageViewOf } from "@/lib/usage/view";
import { UsagePanel } from "./usage-panel";

type SearchParams = Record<string, string | string[]>;

// The keys page's account-wide usage: every key together, the period from ?usage=,
// keeping the page's other parameters (the list's page, filter and sort) in its links.
export async function AccountUsage({ accountId, searchParams }: { accountId: string; searchParams: SearchParams }) {
  const preset = usagePresetOf(searchParams.usage);
  const usage = await usageOfAccount(accountId, usageQueryOf(preset, now()));
  const hrefFor = (key: string) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(searchParams)) {
      if (name !== "usage") for (const one of [value].flat()) params.append(name, one);
    }
    params.set("usage", key);
    return `?${params}#usage`;
  };
  return (
    <UsagePanel
      usage={usageViewOf(usage)}
      preset={preset}
      hrefFor={hrefFor}
      title="Usage of all keys"
      idle="No key of this account has made a request in this period. Try one with the curl example below."
    />
  );
}
