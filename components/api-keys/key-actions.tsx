"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import type { KeyRow, RoleChoice } from "./types";

export function KeyActions({ row, roles, disabled }: { row: KeyRow; roles: RoleChoice[]; disabled: boolean }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="inline-flex gap-1">
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Edit ${row.name}`}
        disabled={disabled}
        onClick={() => setEditing(true)}
      >
        <Pencil className="h-4 w-4" aria-hidden />
      </Button>
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Delete ${row.name}`}
        disabled={disabled}
        className="hover:bg-red-50 hover:text-red-600"
        onClick={() => setDeleting(true)}
      >
        <Trash2 className="h-4 w-4" aria-hidden />
      </Button>
      <EditKeyDialog
        row={row}
        roles={roles}
        open={editing}
        onOpenChange={setEditing}
        onDelete={() => {
          setEditing(false);
          setDeleting(true);
        }}
      />
      <DeleteKeyDialog row={row} open={deleting} onOpenChange={setDeleting} />
    </div>
  );
}
