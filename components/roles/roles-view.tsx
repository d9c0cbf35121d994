"use client";

import { Lock, Pencil, Plus, Trash2 } from "lucide-react";
import { useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { deleteRoleAction } from "@/lib/actions/delete-role";
import type { Permissions } from "@/lib/permissions";
import { RoleFormDialog } from "./role-form-dialog";
import type { RoleRow } from "./types";

export function RolesView({ roles, own, canWrite }: { roles: RoleRow[]; own: Permissions; canWrite: boolean }) {
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
          const locked = !canWrite || row.original.builtIn;
          return (
            <div className="inline-flex gap-1">
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Edit ${row.original.name}`}
                disabled={locked}
                title={row.original.builtIn ? "Built-in roles can't be edited." : undefined}
                onClick={() => {
                  setEditing(row.original);
                  setFormOpen(true);
                }}
              >
                <Pencil className="h-4 w-4" aria-hidden />
              </Button>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Delete ${row.original.name}`}
                disabled={locked}
                className="hover:bg-red-50 hover:text-red-600"
                onClick={() => setDeleting(row.original)}
              >
                <Trash2 className="h-4 w-4" aria-hidden />
              </Button>
            </div>
          );
        },
      },
    ],
    [canWrite],
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
