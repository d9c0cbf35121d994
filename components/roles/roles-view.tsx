"use client";

import { Lock, Plus } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { HistoryLink } from "@/components/audit/history-link";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataColumn, type DataTableHandle } from "@/components/ui/data-table";
import { PageLinks } from "@/components/ui/page-links";
import { actionColumn, NameCell, RowActions } from "@/components/ui/row-actions";
import { useRowDialogs } from "@/components/ui/use-row-dialogs";
import { deleteRoleAction } from "@/lib/actions/delete-role";
import { exceeding, type Permissions } from "@/lib/permissions";
import { RoleFormDialog } from "./role-form-dialog";
import { RoleAccess } from "./role-access";
import type { RoleRow } from "./types";
import { useStepUp } from "@/components/two-factor/step-up";

type TableRow = RoleRow & { lockedReason?: string; inUseReason?: string };

// Why a role can't be deleted while members or keys still use it (the server refuses it too).
function inUseReason({ usage }: RoleRow): string | undefined {
  if (usage.members === 0 && usage.apiKeys === 0) return undefined;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const users = [
    usage.members ? count(usage.members, "team member") : null,
    usage.apiKeys ? count(usage.apiKeys, "API key") : null,
  ].filter(Boolean);
  return `In use by ${users.join(" and ")}: give ${usage.members + usage.apiKeys === 1 ? "it" : "them"} another role before deleting this one.`;
}

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
  paging,
}: {
  roles: RoleRow[];
  own: Permissions;
  canWrite: boolean;
  canReadAudit: boolean;
  paging: Parameters<typeof PageLinks>[0];
}) {
  const withStepUp = useStepUp();
  const table = useRef<DataTableHandle>(null);
  const dialogs = useRowDialogs<TableRow, "edit" | "view" | "delete">(table);
  const { open } = dialogs;
  const [adding, setAdding] = useState(false);
  // Counts openings of Add Role, so each one starts with an empty form.
  const [addRound, setAddRound] = useState(0);

  // Whether each role may be changed travels with its row, so the columns stay the same
  // objects across refreshes (new columns would remount the cells and lose focus).
  const rows = useMemo(
    () =>
      roles.map((role) => ({
        ...role,
        lockedReason: roleLockedReason(role, own, canWrite),
        inUseReason: inUseReason(role),
      })),
    [roles, own, canWrite],
  );
  const columns = useMemo<DataColumn<TableRow>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <NameCell name={row.original.name}>
            {row.original.builtIn ? (
              <Badge className="shrink-0 font-normal" title="Built-in roles can't be edited or deleted.">
                <Lock className="-mt-0.5 mr-1 inline h-3 w-3" aria-hidden />
                Built-in
              </Badge>
            ) : null}
          </NameCell>
        ),
      },
      {
        id: "access",
        header: "Access",
        cell: ({ row }) => <RoleAccess permissions={row.original.permissions} />,
      },
      { id: "members", header: "Team members", meta: { width: "w-32" }, cell: ({ row }) => row.original.usage.members },
      { id: "keys", header: "API keys", meta: { width: "w-24" }, cell: ({ row }) => row.original.usage.apiKeys },
      actionColumn(3, (row) => {
        const { lockedReason, inUseReason, ...role } = row;
        return (
          <RowActions
            name={role.name}
            lockedReason={lockedReason}
            deleteLockedReason={inUseReason}
            onView={(opener) => open("view", row, opener)}
            history={canReadAudit ? <HistoryLink name={role.name} targetType="role" targetId={role.id} /> : null}
            onEdit={(opener) => open("edit", row, opener)}
            onDelete={(opener) => open("delete", row, opener)}
          />
        );
      }),
    ],
    [canReadAudit, open],
  );

  const role = dialogs.row;
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
        rows={rows}
        rowId={(role) => role.id}
        minWidth="min-w-[44rem]"
      />
      <PageLinks {...paging} />
      <RoleFormDialog key={`add-${addRound}`} own={own} open={adding} onOpenChange={setAdding} />
      {role ? (
        <>
          <RoleFormDialog key={`edit-${dialogs.round}`} role={role} own={own} {...dialogs.dialog("edit")} />
          <RoleFormDialog
            key={`view-${dialogs.round}`}
            role={role}
            own={own}
            readOnly={role.lockedReason}
            {...dialogs.dialog("view")}
          />
          <ConfirmDialog
            key={`delete-${dialogs.round}`}
            {...dialogs.dialog("delete")}
            title={`Delete “${role.name}”?`}
            description="A role can be deleted only when no team member and no API key uses it."
            confirmLabel="Delete"
            action={() => withStepUp(() => deleteRoleAction({ id: role.id }))}
            success={`Role “${role.name}” deleted.`}
            prepareRemoval={() => dialogs.prepareRemoval(role.id)}
            closeOnError
          />
        </>
      ) : null}
    </div>
  );
}
