"use client";

import { Lock, Pencil, Plus, Trash2 } from "lucide-react";
import { useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { HistoryLink } from "@/components/audit/history-link";
import { Button } from "@/components/ui/button";
import { IconAction } from "@/components/ui/icon-action";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { deleteRoleAction } from "@/lib/actions/delete-role";
import { exceeding, type Permissions } from "@/lib/permissions";
import { RoleFormDialog } from "./role-form-dialog";
import type { RoleRow } from "./types";

// Why this member may not change the role, or undefined when they may.
function roleLockedReason(role: RoleRow, own: Permissions, canWrite: boolean): string | undefined {
  if (!canWrite) return "Your role has Read Access to Roles, so you can't change roles.";
  if (role.builtIn) return "Built-in roles can't be edited or deleted.";
  if (exceeding(role.permissions, own).length > 0)
    return "This role has more access than yours, so you can't change it.";
  return undefined;
}

export function RolesView({
  roles,
  own,
  canWrite,
  canReadAudit,
}: {
  roles: RoleRow[];
  own: Permissions;
  canWrite: boolean;
  canReadAudit: boolean;
}) {
  const [editing, setEditing] = useState<RoleRow | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<RoleRow | undefined>();
  const [pending, startTransition] = useTransition();

  const columns = useMemo<DataColumn<RoleRow>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <span className="inline-flex items-center gap-2 font-medium text-slate-900">
            {row.original.name}
            {row.original.builtIn ? (
              <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-normal text-slate-500">
                <Lock className="h-3 w-3" aria-hidden /> Built-in
              </span>
            ) : null}
          </span>
        ),
      },
      { id: "members", header: "Team members", cell: ({ row }) => row.original.usage.members },
      { id: "keys", header: "API keys", cell: ({ row }) => row.original.usage.apiKeys },
      {
        id: "action",
        header: "Action",
        cell: ({ row }) => {
          const lockedReason = roleLockedReason(row.original, own, canWrite);
          return (
            <div className="inline-flex gap-1">
              {canReadAudit ? (
                <HistoryLink name={row.original.name} targetType="role" targetId={row.original.id} />
              ) : null}
              <IconAction
                label={`Edit ${row.original.name}`}
                lockedReason={lockedReason}
                onClick={() => {
                  setEditing(row.original);
                  setFormOpen(true);
                }}
              >
                <Pencil className="h-4 w-4" aria-hidden />
              </IconAction>
              <IconAction
                label={`Delete ${row.original.name}`}
                lockedReason={lockedReason}
                danger
                onClick={() => setDeleting(row.original)}
              >
                <Trash2 className="h-4 w-4" aria-hidden />
              </IconAction>
            </div>
          );
        },
      },
    ],
    [canWrite, canReadAudit, own],
  );

  function confirmDelete() {
    if (!deleting) return;
    const role = deleting;
    startTransition(async () => {
      const result = await deleteRoleAction({ id: role.id });
      if (result.ok) toast.success(`Role “${role.name}” deleted.`);
      else toast.error(result.error);
      setDeleting(undefined);
    });
  }

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button
          disabled={!canWrite}
          onClick={() => {
            setEditing(undefined);
            setFormOpen(true);
          }}
        >
          <Plus className="h-4 w-4" aria-hidden /> Add Role
        </Button>
      </div>
      <DataTable columns={columns} rows={roles} rowId={(role) => role.id} />
      <RoleFormDialog role={editing} own={own} open={formOpen} onOpenChange={setFormOpen} />
      <ConfirmDialog
        open={Boolean(deleting)}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={`Delete “${deleting?.name ?? ""}”?`}
        description="A role can be deleted only when no team member and no API key uses it."
        confirmLabel="Delete"
        pending={pending}
        onConfirm={confirmDelete}
      />
    </div>
  );
}
