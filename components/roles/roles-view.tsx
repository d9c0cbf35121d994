"use client";

import { Lock, Pencil, Plus, Trash2 } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataColumn, type DataTableHandle } from "@/components/ui/data-table";
import { useRowDialogs } from "@/components/ui/use-row-dialogs";
import { deleteRoleAction } from "@/lib/actions/delete-role";
import type { Permissions } from "@/lib/permissions";
import { RoleFormDialog } from "./role-form-dialog";
import type { RoleRow } from "./types";

export function RolesView({ roles, own, canWrite }: { roles: RoleRow[]; own: Permissions; canWrite: boolean }) {
  const table = useRef<DataTableHandle>(null);
  const dialogs = useRowDialogs<RoleRow, "edit" | "delete">(table);
  const { open } = dialogs;
  const [adding, setAdding] = useState(false);
  // Counts openings of Add Role, so each one starts with an empty form.
  const [addRound, setAddRound] = useState(0);

  const columns = useMemo<DataColumn<RoleRow>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <span className="flex min-w-0 items-center gap-2">
            <span className="truncate font-medium text-foreground" title={row.original.name}>
              {row.original.name}
            </span>
            {row.original.builtIn ? (
              <Badge className="shrink-0 font-normal" title="Built-in roles can't be edited or deleted.">
                <Lock className="-mt-0.5 mr-1 inline h-3 w-3" aria-hidden />
                Built-in
              </Badge>
            ) : null}
          </span>
        ),
      },
      { id: "members", header: "Team members", meta: { width: "w-32" }, cell: ({ row }) => row.original.usage.members },
      { id: "keys", header: "API keys", meta: { width: "w-24" }, cell: ({ row }) => row.original.usage.apiKeys },
      {
        id: "action",
        header: () => <span className="sr-only sm:not-sr-only">Action</span>,
        meta: { width: "w-24" },
        cell: ({ row }) => {
          const role = row.original;
          const locked = !canWrite || role.builtIn;
          const why = role.builtIn ? "Built-in roles can't be changed." : undefined;
          return (
            <div className="inline-flex gap-1" title={why}>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Edit ${role.name}`}
                disabled={locked}
                onClick={(event) => open("edit", role, event.currentTarget)}
              >
                <Pencil className="h-4 w-4" aria-hidden />
              </Button>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Delete ${role.name}`}
                disabled={locked}
                className="hover:bg-destructive-soft hover:text-destructive-foreground"
                onClick={(event) => open("delete", role, event.currentTarget)}
              >
                <Trash2 className="h-4 w-4" aria-hidden />
              </Button>
            </div>
          );
        },
      },
    ],
    [canWrite, open],
  );

  async function confirmDelete() {
    const role = dialogs.row;
    if (!role) return;
    const removed = dialogs.prepareRemoval(role.id);
    const result = await deleteRoleAction({ id: role.id });
    if (result.ok) {
      toast.success(`Role “${role.name}” deleted.`);
      removed();
    } else toast.error(result.error);
    dialogs.onOpenChange(false);
  }

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button
          disabled={!canWrite}
          onClick={() => {
            setAddRound((n) => n + 1);
            setAdding(true);
          }}
        >
          <Plus className="h-4 w-4" aria-hidden /> Add Role
        </Button>
      </div>
      <DataTable
        ref={table}
        label="Roles"
        columns={columns}
        rows={roles}
        rowId={(role) => role.id}
        minWidth="min-w-[31rem]"
      />
      <RoleFormDialog key={`add-${addRound}`} own={own} open={adding} onOpenChange={setAdding} />
      {dialogs.row ? (
        <>
          <RoleFormDialog
            key={`edit-${dialogs.round}`}
            role={dialogs.row}
            own={own}
            open={dialogs.isOpen("edit")}
            onOpenChange={dialogs.onOpenChange}
            returnFocus={dialogs.returnFocus}
          />
          <ConfirmDialog
            key={`delete-${dialogs.round}`}
            open={dialogs.isOpen("delete")}
            onOpenChange={dialogs.onOpenChange}
            title={`Delete “${dialogs.row.name}”?`}
            description="A role can be deleted only when no team member and no API key uses it."
            confirmLabel="Delete"
            onConfirm={confirmDelete}
            returnFocus={dialogs.returnFocus}
          />
        </>
      ) : null}
    </div>
  );
}
