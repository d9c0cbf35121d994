"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { roleOptions } from "@/components/roles/role-options";
import { removeMemberAction } from "@/lib/actions/remove-member";
import { updateMemberAction } from "@/lib/actions/update-member";
import { AddMemberDialog } from "./add-member-dialog";
import { MemberStatus } from "./member-status";
import { ResetPasswordButton } from "./reset-password-dialog";
import type { MemberRow, RoleOption } from "./types";

export function TeamView({
  members,
  roles,
  canWrite,
}: {
  members: MemberRow[];
  roles: RoleOption[];
  canWrite: boolean;
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
      { id: "status", header: "Status", cell: ({ row }) => <MemberStatus member={row.original} /> },
      {
        id: "action",
        header: "Action",
        cell: ({ row }) => (
          <div className="inline-flex gap-1">
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Edit ${row.original.name}`}
              disabled={!canWrite}
              onClick={() => {
                setEditing(row.original);
                setRoleId(row.original.role.id);
              }}
            >
              <Pencil className="h-4 w-4" aria-hidden />
            </Button>
            {row.original.status === "active" ? (
              <ResetPasswordButton member={row.original} disabled={!canWrite || row.original.isYou} />
            ) : null}
            <Button
              variant="ghost"
              size="icon"
              aria-label={`${row.original.status === "invited" ? "Revoke invitation of" : "Delete"} ${row.original.name}`}
              disabled={!canWrite}
              className="hover:bg-red-50 hover:text-red-600"
              onClick={() => setRemoving(row.original)}
            >
              <Trash2 className="h-4 w-4" aria-hidden />
            </Button>
          </div>
        ),
      },
    ],
    [canWrite],
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
      if (result.ok)
        toast.success(
          member.status === "invited"
            ? `The invitation of ${member.name} was revoked.`
            : `${member.name} was removed from the team.`,
        );
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
        title={
          removing?.status === "invited"
            ? `Revoke the invitation of ${removing.name}?`
            : `Remove ${removing?.name ?? ""}?`
        }
        description={
          removing?.status === "invited"
            ? "Their invitation link stops working at once."
            : "They lose access to this portal on their next request."
        }
        confirmLabel={removing?.status === "invited" ? "Revoke" : "Delete"}
        pending={pending}
        onConfirm={confirmRemove}
      />
    </div>
  );
}
