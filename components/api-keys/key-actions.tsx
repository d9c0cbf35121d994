"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { HistoryLink } from "@/components/audit/history-link";
import { IconAction } from "@/components/ui/icon-action";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import type { KeyRow, RoleChoice } from "./types";

// `lockedReason` says why the member may not change this key (no Full Access to API
// Keys, or the key's role has more access than theirs); `showHistory` links to its events.
export function KeyActions({
  row,
  roles,
  lockedReason,
  showHistory,
}: {
  row: KeyRow;
  roles: RoleChoice[];
  lockedReason?: string;
  showHistory: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="inline-flex gap-1">
      {showHistory ? <HistoryLink name={row.name} targetType="api_key" targetId={row.keyId} /> : null}
      <IconAction label={`Edit ${row.name}`} lockedReason={lockedReason} onClick={() => setEditing(true)}>
        <Pencil className="h-4 w-4" aria-hidden />
      </IconAction>
      <IconAction label={`Delete ${row.name}`} lockedReason={lockedReason} danger onClick={() => setDeleting(true)}>
        <Trash2 className="h-4 w-4" aria-hidden />
      </IconAction>
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
