"use client";

import { useCallback, useRef, useState, type RefObject } from "react";
import type { DataTableHandle } from "./data-table";
import type { ReturnFocus } from "./return-focus";

// What each dialog of a row takes (see `dialog(kind)` below).
export type RowDialogProps = { open: boolean; onOpenChange: (open: boolean) => void; returnFocus?: ReturnFocus };

// The edit and delete dialogs of a table's rows, opened from the row's buttons:
// - closing a dialog gives focus back to the button that opened it, also when one dialog
//   hands over to another (Edit → Delete);
// - after a delete, focus goes to the next row (or the table) once the row has gone.
// `table` is the ref given to the DataTable.
export function useRowDialogs<Row, Kind extends string>(table: RefObject<DataTableHandle | null>) {
  // `round` counts openings: dialogs keyed by it start afresh each time (their form, and a
  // request still finishing from the last opening can't disable their buttons).
  const [state, setState] = useState<{
    kind: Kind | null;
    row: Row;
    opener: HTMLElement | null;
    round: number;
  } | null>(null);
  const afterRemoval = useRef<(() => void) | null>(null);

  // Stable, so that table columns that call it need not be rebuilt.
  const open = useCallback((kind: Kind, row: Row, opener: HTMLElement | null) => {
    afterRemoval.current = null;
    setState((current) => ({ kind, row, opener, round: (current?.round ?? 0) + 1 }));
  }, []);

  const returnFocus: ReturnFocus = () => {
    const focusNext = afterRemoval.current;
    afterRemoval.current = null;
    if (focusNext) {
      focusNext();
      return null;
    }
    // Another dialog of the row took over (Edit → Delete): focus stays in that one.
    if (state?.kind) return null;
    return state?.opener ?? undefined;
  };

  function onOpenChange(isOpen: boolean) {
    if (!isOpen) setState((current) => current && { ...current, kind: null });
  }

  return {
    row: state?.row,
    round: state?.round ?? 0,
    open,
    // Another dialog for the same row, e.g. Delete from the Edit dialog; the opener is kept.
    switchTo(kind: Kind) {
      setState((current) => current && { ...current, kind });
    },
    // What each dialog of the row takes: open while it is the one chosen, how it closes, and
    // where focus goes then.
    dialog(kind: Kind): RowDialogProps {
      return { open: state?.kind === kind, onOpenChange, returnFocus };
    },
    // Call before deleting `rowId`; call what it returns once the delete has succeeded.
    prepareRemoval(rowId: string) {
      const focusNext = table.current?.prepareRemoval(rowId);
      return () => {
        afterRemoval.current = focusNext ?? null;
      };
    },
  };
}
