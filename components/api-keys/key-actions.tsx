"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import type { KeyPageContext, KeyRow } from "./types";

export function KeyActions({ row, page }: { row: KeyRow; page: KeyPageContext }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="inline-flex gap-1">
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Edit ${row.name}`}
        disabled={!page.canWrite}
        onClick={() => setEditing(true)}
      >
        <Pencil className="h-4 w-4" aria-hidden />
      </Button>
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Delete ${row.name}`}
        disabled={!page.canWrite}
        className="hover:bg-red-50 hover:text-red-600"
        onClick={() => setDeleting(true)}
      >
        <Trash2 className="h-4 w-4" aria-hidden />
      </Button>
      <EditKeyDialog
        row={row}
        roles={page.roles}
        maxLifetimeDays={page.maxLifetimeDays}
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
