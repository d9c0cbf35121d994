"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { RoleSummary } from "@/components/roles/role-summary";
import { useStepUp } from "@/components/two-factor/step-up";
import { narrowKeyRoleAction } from "@/lib/actions/narrow-key-role";
import { AREA_NAMES, AREAS, LEVEL_LABELS } from "@/lib/permissions";
import type { NeedsLess as NeedsLessJson } from "@/lib/api-keys/needs-less";

// "This key needs less": what the key used in the last 30 days, and where its role grants
// more, the narrowest role covering it, one click away.
export function NeedsLess({
  keyId,
  proposal,
  canWrite,
}: {
  keyId: string;
  proposal: NeedsLessJson;
  canWrite: boolean;
}) {
  const withStepUp = useStepUp();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const usedAreas = AREA_NAMES.filter((area) => proposal.used[area] !== "NONE");
  const label = proposal.match
    ? `Move it to “${proposal.match.name}”`
    : `Create “${proposal.proposedName}” and move it`;

  function narrow() {
    startTransition(async () => {
      const result = await withStepUp(() => narrowKeyRoleAction({ keyId }));
      if (result.ok) {
        toast.success(
          result.created
            ? `Role “${result.role.name}” created; the key now has it.`
            : `The key now has the role “${result.role.name}”.`,
        );
        router.refresh();
      } else toast.error(result.error);
    });
  }

  return (
    <section aria-labelledby="key-needs" className="rounded-lg border border-border bg-card p-5 shadow-xs">
      <h2 id="key-needs" className="text-base font-semibold text-foreground">
        What it used
      </h2>
      {proposal.requests === 0 ? (
        <p className="mt-2 text-sm text-muted-foreground">No requests in the last 30 days.</p>
      ) : (
        <>
          <p className="mt-2 text-sm text-muted-foreground">
            {proposal.requests.toLocaleString("en")} request{proposal.requests === 1 ? "" : "s"} in the last 30 days
            {usedAreas.length === 0 ? ", none needing an area." : ":"}
          </p>
          {usedAreas.length > 0 ? (
            <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label="Areas it used">
              {usedAreas.map((area) => (
                <li key={area} className="rounded-md border border-border bg-muted px-2 py-0.5">
                  {AREAS[area].label}: {LEVEL_LABELS[proposal.used[area]]}
                </li>
              ))}
            </ul>
          ) : null}
          {proposal.narrower ? (
            <div className="mt-4 space-y-2">
              <p className="text-sm font-medium text-foreground">
                This key needs less: its role “{proposal.role.name}” grants more than it used. The narrowest role
                covering what it used:
              </p>
              <RoleSummary permissions={proposal.used} />
              {canWrite ? (
                <Button onClick={narrow} disabled={pending}>
                  {pending ? "Moving…" : label}
                </Button>
              ) : null}
            </div>
          ) : (
            <p className="mt-3 text-sm text-muted-foreground">Its role grants no more than it used.</p>
          )}
        </>
      )}
    </section>
  );
}
