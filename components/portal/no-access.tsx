import { Lock } from "lucide-react";
import { AREAS, type Area } from "@/lib/permissions";

export function NoAccess({ area }: { area: Area }) {
  return (
    <div className="rounded-lg border border-border bg-card px-6 py-12 text-center">
      <Lock className="mx-auto h-8 w-8 text-muted-foreground" aria-hidden />
      <p className="mt-3 text-sm text-muted-foreground">
        Your role has No Access to {AREAS[area].label}. Ask an Owner of this account for access.
      </p>
    </div>
  );
}
