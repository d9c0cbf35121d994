import type { ReactNode } from "react";
import { KeyRound } from "lucide-react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold text-slate-900">
        <KeyRound className="h-6 w-6 text-indigo-600" aria-hidden />
        Wisp Portal
      </div>
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">{children}</div>
    </main>
  );
}
