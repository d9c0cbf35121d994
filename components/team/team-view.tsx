"use client";

import { MailPlus } from "lucide-react";
import { useMemo, useRef } from "react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { HistoryLink } from "@/components/audit/history-link";
import { DataTable, type DataColumn, type DataTableHandle } from "@/components/ui/data-table";
import { IconAction } from "@/components/ui/icon-action";
import { PageLinks } from "@/components/ui/page-links";
import { actionColumn, NameCell, RowActions } from "@/components/ui/row-actions";
import { useRowDialogs } from "@/components/ui/use-row-dialogs";
import { removeMemberAction } from "@/lib/actions/remove-member";
import { AddMemberDialog } from "./add-member-dialog";
import { EditMemberDialog } from "./edit-member-dialog";
import { MemberStatus } from "./member-status";
import { ResendInvitationDialog } from "./resend-invitation-dialog";
import { ResetPasswordButton } from "./reset-password-dialog";
import type { RoleChoice } from "@/components/roles/role-options";
import type { MemberRow } from "./types";
import { useStepUp } from "@/components/two-factor/step-up";

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
  const withStepUp = useStepUp();
  const table = useRef<DataTableHandle>(null);
  const dialogs = useRowDialogs<MemberRow, "edit" | "remove" | "resend">(table);
  const { open } = dialogs;

  const columns = useMemo<DataColumn<MemberRow>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <NameCell name={row.original.name}>
            {row.original.isYou ? <span className="shrink-0 text-xs text-muted-foreground">(you)</span> : null}
          </NameCell>
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
      actionColumn(4, (member) => {
        const lockedReason = !canWrite
          ? "Your role has Read Access to Team, so you can't change members."
          : member.aboveYou
            ? `${member.name} has more access than you, so you can't change or remove them.`
            : undefined;
        return (
          <RowActions
            name={member.name}
            lockedReason={lockedReason}
            history={canReadAudit ? <HistoryLink name={member.name} targetType="member" targetId={member.id} /> : null}
            onEdit={(opener) => open("edit", member, opener)}
            onDelete={(opener) => open("remove", member, opener)}
            deleteLabel={`${member.status === "invited" ? "Revoke invitation of" : "Remove"} ${member.name}`}
          >
            {member.status === "invited" ? (
              <IconAction
                label={`Resend invitation to ${member.name}`}
                lockedReason={lockedReason}
                onClick={(event) => open("resend", member, event.currentTarget)}
              >
                <MailPlus className="h-4 w-4" aria-hidden />
              </IconAction>
            ) : (
              <ResetPasswordButton member={member} disabled={Boolean(lockedReason) || member.isYou} />
            )}
          </RowActions>
        );
      }),
    ],
    [canWrite, canReadAudit, open],
  );

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
          <EditMemberDialog key={`edit-${dialogs.round}`} member={editing} roles={roles} {...dialogs.dialog("edit")} />
          <ResendInvitationDialog key={`resend-${dialogs.round}`} member={editing} {...dialogs.dialog("resend")} />
          <ConfirmDialog
            key={`remove-${dialogs.round}`}
            {...dialogs.dialog("remove")}
            {...(editing.status === "invited"
              ? {
                  title: `Revoke the invitation of ${editing.name}?`,
                  description: `The link sent to ${editing.email} stops working at once.`,
                  confirmLabel: "Revoke invitation",
                  pendingLabel: "Revoking…",
                }
              : {
                  title: `Remove ${editing.name}?`,
                  description: "They lose access to this portal on their next request.",
                  confirmLabel: "Remove",
                  pendingLabel: "Removing…",
                })}
            action={() => withStepUp(() => removeMemberAction({ id: editing.id }))}
            success={
              editing.status === "invited"
                ? `The invitation of ${editing.name} was revoked.`
                : `${editing.name} was removed from the team.`
            }
            prepareRemoval={() => dialogs.prepareRemoval(editing.id)}
            closeOnError
          />
        </>
      ) : null}
    </div>
  );
}
