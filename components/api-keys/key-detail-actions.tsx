"use client";

import { Pencil, Power, RefreshCw, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { DisableKeyDialog, useEnableKey } from "./disable-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import { RollKeyDialog } from "./roll-key-dialog";
import type { KeyPageContext, KeyRow } from "./types";

type Open = "edit" | "roll" | "disable" | "delete" | null;

// Edit, roll, disable or enable, and delete, on the key's own page.
export function KeyDetailActions({ row, page }: { row: KeyRow; page: KeyPageContext }) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const { enable, pending: enabling } = useEnableKey(row);
  const toggle = (which: Exclude<Open, null>) => (next: boolean) => setOpen(next ? which : null);
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" disabled={!page.canWrite} onClick={() => setOpen("edit")}>
        <Pencil className="h-4 w-4" aria-hidden />
        Edit
      </Button>
      <Button variant="secondary" disabled={!page.canWrite} onClick={() => setOpen("roll")}>
        <RefreshCw className="h-4 w-4" aria-hidden />
        Roll
      </Button>
      {row.enabled ? (
        <Button variant="secondary" disabled={!page.canWrite} onClick={() => setOpen("disable")}>
          <Power className="h-4 w-4" aria-hidden />
          Disable
        </Button>
      ) : (
        <Button variant="secondary" disabled={!page.canWrite || enabling} onClick={enable}>
          <Power className="h-4 w-4" aria-hidden />
          {enabling ? "Enabling…" : "Enable"}
        </Button>
      )}
      <Button
        variant="secondary"
        disabled={!page.canWrite}
        className="text-red-600 hover:bg-red-50 hover:text-red-700"
        onClick={() => setOpen("delete")}
      >
        <Trash2 className="h-4 w-4" aria-hidden />
        Delete
      </Button>
      <EditKeyDialog
        row={row}
        roles={page.roles}
        maxLifetimeDays={page.maxLifetimeDays}
        open={open === "edit"}
        onOpenChange={toggle("edit")}
        onDelete={() => setOpen("delete")}
      />
      <RollKeyDialog row={row} open={open === "roll"} onOpenChange={toggle("roll")} origin={page.origin} />
      <DisableKeyDialog row={row} open={open === "disable"} onOpenChange={toggle("disable")} />
      <DeleteKeyDialog
        row={row}
        open={open === "delete"}
        onOpenChange={toggle("delete")}
        onDeleted={() => router.push("/api-keys")}
      />
    </div>
  );
}
