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

// A page only the account's Owners may see (the built-in Owner role, not a permission).
export function OwnersOnly({ what }: { what: string }) {
  return (
    <div className="rounded-lg border border-border bg-card px-6 py-12 text-center">
      <Lock className="mx-auto h-8 w-8 text-muted-foreground" aria-hidden />
      <p className="mt-3 text-sm text-muted-foreground">
        {`Only Owners of this account can see ${what}. Ask an Owner of this account if you need it.`}
      </p>
    </div>
  );
}
