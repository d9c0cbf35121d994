"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { switchAccountAction } from "@/lib/actions/switch-account";

export type AccountChoice = { current: string; all: { id: string; name: string }[] };

// Shown when one login belongs to several accounts: moves this session into another one,
// then to that account's first page, and says so. It shows the chosen account while the
// switch runs, and stays enabled (a disabled select would drop the keyboard's focus).
export function AccountSwitcher({ accounts }: { accounts: AccountChoice }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [chosen, setChosen] = useState(accounts.current);
  return (
    <select
      aria-label="Account"
      aria-busy={pending || undefined}
      value={pending ? chosen : accounts.current}
      onChange={(event) => {
        if (pending) return;
        const accountId = event.target.value;
        setChosen(accountId);
        startTransition(async () => {
          const result = await switchAccountAction({ accountId });
          if (!result.ok) {
            toast.error(result.error);
            return;
          }
          toast.success(`Now in ${result.accountName}`);
          if (result.landing !== pathname) router.replace(result.landing);
        });
      }}
      className="min-w-0 flex-1 truncate rounded-md border border-input bg-card px-2 py-1 text-sm font-semibold text-foreground focus-visible:outline-2 focus-visible:outline-ring"
    >
      {accounts.all.map((account) => (
        <option key={account.id} value={account.id}>
          {account.name}
        </option>
      ))}
    </select>
  );
}
