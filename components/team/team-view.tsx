"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { HistoryLink } from "@/components/audit/history-link";
import { Button } from "@/components/ui/button";
import { IconAction } from "@/components/ui/icon-action";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { roleOptions } from "@/components/roles/role-options";
import { removeMemberAction } from "@/lib/actions/remove-member";
import { updateMemberAction } from "@/lib/actions/update-member";
import { AddMemberDialog } from "./add-member-dialog";
import type { MemberRow, RoleOption } from "./types";

export function TeamView({
  members,
  roles,
  canWrite,
  canReadAudit,
}: {
  members: MemberRow[];
  roles: RoleOption[];
  canWrite: boolean;
  canReadAudit: boolean;
}) {
  const [editing, setEditing] = useState<MemberRow | undefined>();
  const [roleId, setRoleId] = useState("");
  const [removing, setRemoving] = useState<MemberRow | undefined>();
  const [pending, startTransition] = useTransition();

  const columns = useMemo<DataColumn<MemberRow>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <span className="font-medium text-slate-900">
            {row.original.name}
            {row.original.isYou ? <span className="ml-2 text-xs text-slate-400">(you)</span> : null}
          </span>
        ),
      },
      { id: "email", header: "Email", cell: ({ row }) => row.original.email },
      {
        id: "role",
        header: "Role",
        cell: ({ row }) => (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
            {row.original.role.name}
          </span>
        ),
      },
      {
        id: "action",
        header: "Action",
        cell: ({ row }) => {
          const lockedReason = !canWrite
            ? "Your role has Read Access to Team, so you can't change members."
            : row.original.aboveYou
              ? `${row.original.name} has more access than you, so you can't change or remove them.`
              : undefined;
          return (
            <div className="inline-flex gap-1">
              {canReadAudit ? (
                <HistoryLink name={row.original.name} targetType="member" targetId={row.original.id} />
              ) : null}
              <IconAction
                label={`Edit ${row.original.name}`}
                lockedReason={lockedReason}
                onClick={() => {
                  setEditing(row.original);
                  setRoleId(row.original.role.id);
                }}
              >
                <Pencil className="h-4 w-4" aria-hidden />
              </IconAction>
              <IconAction
                label={`Delete ${row.original.name}`}
                lockedReason={lockedReason}
                danger
                onClick={() => setRemoving(row.original)}
              >
                <Trash2 className="h-4 w-4" aria-hidden />
              </IconAction>
            </div>
          );
        },
      },
    ],
    [canWrite, canReadAudit],
  );

  function saveRole(event: React.FormEvent) {
    event.preventDefault();
    if (!editing) return;
    startTransition(async () => {
      const result = await updateMemberAction({ id: editing.id, roleId });
      if (result.ok) {
        toast.success(`${editing.name} now has a new role.`);
        setEditing(undefined);
      } else toast.error(result.error);
    });
  }

  function confirmRemove() {
    if (!removing) return;
    const member = removing;
    startTransition(async () => {
      const result = await removeMemberAction({ id: member.id });
      if (result.ok) toast.success(`${member.name} was removed from the team.`);
      else toast.error(result.error);
      setRemoving(undefined);
    });
  }

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <AddMemberDialog roles={roles} disabled={!canWrite} />
      </div>
      <DataTable columns={columns} rows={members} rowId={(member) => member.id} />
      <Dialog open={Boolean(editing)} onOpenChange={(open) => !open && setEditing(undefined)}>
        <DialogContent title={`Edit ${editing?.name ?? ""}`} description={editing?.email}>
          <form onSubmit={saveRole} className="space-y-4">
            <Field id="edit-member-role" label="Role">
              <Select
                id="edit-member-role"
                value={roleId}
                onValueChange={setRoleId}
                options={roleOptions(roles, editing?.role.id)}
              />
            </Field>
            <DialogFooter>
              <Button variant="secondary" onClick={() => setEditing(undefined)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                Save
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={Boolean(removing)}
        onOpenChange={(open) => !open && setRemoving(undefined)}
        title={`Remove ${removing?.name ?? ""}?`}
        description="They lose access to this portal on their next request."
        confirmLabel="Delete"
        pending={pending}
        onConfirm={confirmRemove}
      />
    </div>
  );
}
