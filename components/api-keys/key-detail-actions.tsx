"use client";

import { Pencil, Power, RefreshCw, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { DisableKeyDialog, useEnableKey } from "./disable-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import { keyLockedReason } from "./locked-reason";
import { RollKeyDialog } from "./roll-key-dialog";
import type { KeyPageContext, KeyRow } from "./types";

type Kind = "edit" | "roll" | "disable" | "delete";

// Edit, roll, disable or enable, and delete, on the key's own page. Each opening gets
// fresh dialogs (keyed by `round`), and focus goes back to the button that opened them.
export function KeyDetailActions({ row, page }: { row: KeyRow; page: KeyPageContext }) {
  const router = useRouter();
  const [state, setState] = useState<{ kind: Kind | null; round: number }>({ kind: null, round: 0 });
  const { enable, pending: enabling } = useEnableKey(row);
  const open = (kind: Kind) => setState(({ round }) => ({ kind, round: round + 1 }));
  const onOpenChange = (next: boolean) => {
    if (!next) setState(({ round }) => ({ kind: null, round }));
  };
  const isOpen = (kind: Kind) => state.kind === kind;
  // Edit → Delete keeps focus inside the dialogs; closing the last one returns it to its opener.
  const returnFocus = () => (state.kind ? null : undefined);
  // A deleted key's page is left for the list (focus goes to the page's content there, which
  // the layout keeps); a cancelled delete gives focus back to the Delete button.
  const deleted = useRef(false);
  // The one rule, as the table shows it: read-only access, or a key stronger than oneself.
  const lockedReason = keyLockedReason(row, page.roles, page.canWrite);
  const locked = Boolean(lockedReason);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {lockedReason ? <p className="w-full text-sm text-muted-foreground sm:order-last">{lockedReason}</p> : null}
      <Button variant="secondary" disabled={locked} onClick={() => open("edit")}>
        <Pencil className="h-4 w-4" aria-hidden />
        Edit
      </Button>
      <Button variant="secondary" disabled={locked} onClick={() => open("roll")}>
        <RefreshCw className="h-4 w-4" aria-hidden />
        Roll
      </Button>
      {row.enabled ? (
        <Button variant="secondary" disabled={locked} onClick={() => open("disable")}>
          <Power className="h-4 w-4" aria-hidden />
          Disable
        </Button>
      ) : (
        // Not disabled while enabling: a disabled button would drop the keyboard's focus, which
        // stays on this button as it turns into Disable.
        <Button variant="secondary" disabled={locked} aria-disabled={enabling || undefined} onClick={enable}>
          <Power className="h-4 w-4" aria-hidden />
          {enabling ? "Enabling…" : "Enable"}
        </Button>
      )}
      <Button
        variant="secondary"
        disabled={locked}
        className="text-destructive-foreground hover:bg-destructive-soft hover:text-destructive-foreground"
        onClick={() => open("delete")}
      >
        <Trash2 className="h-4 w-4" aria-hidden />
        Delete
      </Button>
      <EditKeyDialog
        key={`edit-${state.round}`}
        row={row}
        roles={page.roles}
        maxLifetimeDays={page.maxLifetimeDays}
        scopeChoices={page.scopeChoices}
        open={isOpen("edit")}
        onOpenChange={onOpenChange}
        onDelete={() => setState(({ round }) => ({ kind: "delete", round }))}
        returnFocus={returnFocus}
      />
      <RollKeyDialog
        key={`roll-${state.round}`}
        row={row}
        open={isOpen("roll")}
        onOpenChange={onOpenChange}
        origin={page.origin}
      />
      <DisableKeyDialog key={`disable-${state.round}`} row={row} open={isOpen("disable")} onOpenChange={onOpenChange} />
      <DeleteKeyDialog
        key={`delete-${state.round}`}
        row={row}
        open={isOpen("delete")}
        onOpenChange={onOpenChange}
        onDeleted={() => {
          deleted.current = true;
          document.getElementById("main-content")?.focus();
          router.push("/api-keys");
        }}
        returnFocus={() => (deleted.current ? null : undefined)}
      />
    </div>
  );
}
