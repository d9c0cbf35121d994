"use client";

import type { RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { DataColumn } from "./data-table";
import { IconAction } from "./icon-action";
import { RowIcon } from "./row-icons";

// The pieces every list of records shares: the name cell, the Action column and each
// row's Edit and Delete buttons (disabled with the reason when the row is locked).

// A record's name in bold, cut with an ellipsis (the whole name as its title), and an
// optional mark after it ("Built-in", "(you)").
export function NameCell({ name, children }: { name: string; children?: ReactNode }) {
  return (
    <span className="flex min-w-0 items-center gap-2">
      <span className="truncate font-medium text-foreground" title={name}>
        {name}
      </span>
      {children}
    </span>
  );
}

// The Action column's width for its most buttons: 44 px each on a phone (a finger's
// target), 32 px from sm up, 4 px between, plus 28 px of the cell's padding.
const ACTION_WIDTHS = { 2: "w-30 sm:w-24", 3: "w-42 sm:w-34", 4: "w-54 sm:w-48" } as const;

// The last column: its header is read out but shown only on wider screens.
export function actionColumn<Row extends RowData>(
  buttons: keyof typeof ACTION_WIDTHS,
  cell: (row: Row) => ReactNode,
): DataColumn<Row> {
  return {
    id: "action",
    header: () => <span className="sr-only sm:not-sr-only">Action</span>,
    enableSorting: false,
    meta: { width: ACTION_WIDTHS[buttons] },
    cell: ({ row }) => cell(row.original),
  };
}

// `history` comes first (the record's audit link), `children` between Edit and Delete.
// Each handler gets the button that opened it, for focus to return to. With `onView`, a
// locked row offers View (its form, read-only) in Edit's place. `deleteLockedReason`
// refuses only Delete (a record still in use).
export function RowActions({
  name,
  lockedReason,
  history,
  onEdit,
  onDelete,
  onView,
  deleteLabel = `Delete ${name}`,
  deleteLockedReason,
  children,
}: {
  name: string;
  lockedReason?: string;
  history?: ReactNode;
  onEdit: (opener: HTMLElement) => void;
  onDelete: (opener: HTMLElement) => void;
  onView?: (opener: HTMLElement) => void;
  deleteLabel?: string;
  deleteLockedReason?: string;
  children?: ReactNode;
}) {
  return (
    <div className="inline-flex gap-1">
      {history}
      {lockedReason && onView ? (
        <IconAction label={`View ${name}`} onClick={(event) => onView(event.currentTarget)}>
          <RowIcon name="eye" className="h-4 w-4" />
        </IconAction>
      ) : (
        <IconAction label={`Edit ${name}`} lockedReason={lockedReason} onClick={(event) => onEdit(event.currentTarget)}>
          <RowIcon name="pencil" className="h-4 w-4" />
        </IconAction>
      )}
      {children}
      <IconAction
        label={deleteLabel}
        lockedReason={lockedReason ?? deleteLockedReason}
        danger
        onClick={(event) => onDelete(event.currentTarget)}
      >
        <RowIcon name="trash" className="h-4 w-4" />
      </IconAction>
    </div>
  );
}
