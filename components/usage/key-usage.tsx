import { formatDate } from "@/lib/format-date";
import { quotaOfKey } from "@/lib/usage/key-quota";
import { usageOfKey } from "@/lib/usage/read";
import { now } from "@/lib/clock";
import { usagePresetOf, usageQueryOf } from "@/lib/usage/presets";
import { usageViewOf } from "@/lib/usage/view";
import { formatCount } from "./format";
import { UsagePanel } from "./usage-panel";

type Limits = {
  rateLimit: { perSecond: number | null; perMinute: number | null } | null;
  quota: { limit: number; period: "day" | "month" } | null;
};

// One key's limits (with what remains of its quota) and its usage charts, for the key's page.
export async function KeyUsage({
  accountId,
  keyId,
  limits,
  createdAt,
  usageParam,
  path,
}: {
  accountId: string;
  keyId: string;
  limits: Limits;
  // ISO: a key younger than a day opens on its last hour.
  createdAt: string;
  usageParam: unknown;
  path: string;
}) {
  const at = now();
  const young = at.getTime() - Date.parse(createdAt) < 86_400_000;
  const preset = usagePresetOf(usageParam, young ? "1h" : "24h");
  const [usage, quota] = await Promise.all([
    usageOfKey(accountId, keyId, usageQueryOf(preset, at)),
    quotaOfKey(accountId, keyId),
  ]);
  const rates = [
    limits.rateLimit?.perSecond ? `${formatCount(limits.rateLimit.perSecond)} per second` : null,
    limits.rateLimit?.perMinute ? `${formatCount(limits.rateLimit.perMinute)} per minute` : null,
  ].filter(Boolean);
  return (
    <div className="space-y-6">
      <section aria-labelledby="limits-heading" className="rounded-lg border border-border bg-card p-4 text-sm">
        <h2 id="limits-heading" className="text-base font-semibold text-foreground">
          Limits
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          <div>
            <dt className="text-muted-foreground">Rate limit</dt>
            <dd className="font-medium">{rates.length > 0 ? rates.join(", ") : "None"}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Quota</dt>
            <dd className="font-medium" data-testid="quota-remaining">
              {quota
                ? `${formatCount(quota.remaining)} of ${formatCount(quota.limit)} left this ${quota.period}, refilled ${formatDate(quota.resetsAt.toISOString(), true)}`
                : "None"}
            </dd>
          </div>
        </dl>
      </section>
      <UsagePanel
        usage={usageViewOf(usage)}
        preset={preset}
        hrefFor={(key) => `${path}?usage=${key}#usage`}
        title="Usage of this key"
        idle="This key has made no requests in this period."
      />
    </div>
  );
}
