import { Lock } from "lucide-react";
import { AREAS, type Area } from "@/lib/permissions";

export function NoAccess({ area }: { area: Area }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-6 py-12 text-center">
      <Lock className="mx-auto h-8 w-8 text-slate-300" aria-hidden />
      <p className="mt-3 text-sm text-slate-600">
        Your role has No Access to {AREAS[area].label}. Ask an Owner of this account for access.
      </p>
    </div>
  );
}
