import type { ReactNode } from "react";
import { KeyRound } from "lucide-react";
import { ThemeToggle } from "@/components/theme/theme-toggle";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold text-foreground">
        <KeyRound className="h-6 w-6 text-link" aria-hidden />
        Wisp Portal
      </div>
      <div className="w-full max-w-sm rounded-lg border border-border bg-card p-6 shadow-sm sm:p-8">{children}</div>
      <ThemeToggle className="mt-6 w-32" />
    </main>
  );
}
