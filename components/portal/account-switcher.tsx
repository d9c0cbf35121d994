"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { switchAccountAction } from "@/lib/actions/switch-account";

export type AccountChoice = { current: string; all: { id: string; name: string }[] };

// Shown when one login belongs to several accounts: moves this session into another one.
export function AccountSwitcher({ accounts }: { accounts: AccountChoice }) {
  const [pending, startTransition] = useTransition();
  return (
    <select
      aria-label="Account"
      value={accounts.current}
      disabled={pending}
      onChange={(event) => {
        const accountId = event.target.value;
        startTransition(async () => {
          const result = await switchAccountAction({ accountId });
          if (result && !result.ok) toast.error(result.error);
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
