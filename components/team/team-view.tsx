"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useMemo, useRef } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { HistoryLink } from "@/components/audit/history-link";
import { DataTable, type DataColumn, type DataTableHandle } from "@/components/ui/data-table";
import { IconAction } from "@/components/ui/icon-action";
import { PageLinks } from "@/components/ui/page-links";
import { useRowDialogs } from "@/components/ui/use-row-dialogs";
import { removeMemberAction } from "@/lib/actions/remove-member";
import { AddMemberDialog } from "./add-member-dialog";
import { EditMemberDialog } from "./edit-member-dialog";
import { MemberStatus } from "./member-status";
import { ResetPasswordButton } from "./reset-password-dialog";
import type { RoleChoice } from "@/components/roles/role-options";
import type { MemberRow } from "./types";

export function TeamView({
  members,
  roles,
  canWrite,
  canReadAudit,
  paging,
}: {
  members: MemberRow[];
  roles: RoleChoice[];
  canWrite: boolean;
  canReadAudit: boolean;
  paging: Parameters<typeof PageLinks>[0];
}) {
  const table = useRef<DataTableHandle>(null);
  const dialogs = useRowDialogs<MemberRow, "edit" | "remove">(table);
  const { open } = dialogs;

  const columns = useMemo<DataColumn<MemberRow>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <span className="flex min-w-0 items-center gap-2">
            <span className="truncate font-medium text-foreground" title={row.original.name}>
              {row.original.name}
            </span>
            {row.original.isYou ? <span className="shrink-0 text-xs text-muted-foreground">(you)</span> : null}
          </span>
        ),
      },
      {
        id: "email",
        header: "Email",
        cell: ({ row }) => <span title={row.original.email}>{row.original.email}</span>,
      },
      {
        id: "role",
        header: "Role",
        meta: { width: "w-40" },
        cell: ({ row }) => <Badge>{row.original.role.name}</Badge>,
      },
      {
        id: "status",
        header: "Status",
        meta: { width: "w-44" },
        cell: ({ row }) => <MemberStatus member={row.original} />,
      },
      {
        id: "action",
        header: () => <span className="sr-only sm:not-sr-only">Action</span>,
        meta: { width: "w-40" },
        cell: ({ row }) => {
          const member = row.original;
          const lockedReason = !canWrite
            ? "Your role has Read Access to Team, so you can't change members."
            : member.aboveYou
              ? `${member.name} has more access than you, so you can't change or remove them.`
              : undefined;
          return (
            <div className="inline-flex gap-1">
              {canReadAudit ? <HistoryLink name={member.name} targetType="member" targetId={member.id} /> : null}
              <IconAction
                label={`Edit ${member.name}`}
                lockedReason={lockedReason}
                onClick={(event) => open("edit", member, event.currentTarget)}
              >
                <Pencil className="h-4 w-4" aria-hidden />
              </IconAction>
              {member.status === "active" ? (
                <ResetPasswordButton member={member} disabled={Boolean(lockedReason) || member.isYou} />
              ) : null}
              <IconAction
                label={`${member.status === "invited" ? "Revoke invitation of" : "Delete"} ${member.name}`}
                lockedReason={lockedReason}
                danger
                onClick={(event) => open("remove", member, event.currentTarget)}
              >
                <Trash2 className="h-4 w-4" aria-hidden />
              </IconAction>
            </div>
          );
        },
      },
    ],
    [canWrite, canReadAudit, open],
  );

  async function confirmRemove() {
    const member = dialogs.row;
    if (!member) return;
    const removed = dialogs.prepareRemoval(member.id);
    const result = await removeMemberAction({ id: member.id });
    if (result.ok) {
      toast.success(
        member.status === "invited"
          ? `The invitation of ${member.name} was revoked.`
          : `${member.name} was removed from the team.`,
      );
      removed();
    } else toast.error(result.error);
    dialogs.onOpenChange(false);
  }

  const editing = dialogs.row;
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <AddMemberDialog roles={roles} disabled={!canWrite} />
      </div>
      <DataTable
        ref={table}
        label="Team members"
        columns={columns}
        rows={members}
        rowId={(member) => member.id}
        minWidth="min-w-[34rem]"
      />
      <PageLinks {...paging} />
      {editing ? (
        <>
          <EditMemberDialog
            key={`edit-${dialogs.round}`}
            member={editing}
            roles={roles}
            open={dialogs.isOpen("edit")}
            onOpenChange={dialogs.onOpenChange}
            returnFocus={dialogs.returnFocus}
          />
          <ConfirmDialog
            key={`remove-${dialogs.round}`}
            open={dialogs.isOpen("remove")}
            onOpenChange={dialogs.onOpenChange}
            title={`Remove ${editing.name}?`}
            description="They lose access to this portal on their next request."
            confirmLabel="Delete"
            onConfirm={confirmRemove}
            returnFocus={dialogs.returnFocus}
          />
        </>
      ) : null}
    </div>
  );
}
