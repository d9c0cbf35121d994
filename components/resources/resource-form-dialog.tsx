"use client";

import { useState, useTransition, type ReactNode } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import type { ReturnFocus } from "@/components/ui/return-focus";
import type { FieldErrors } from "@/lib/actions/result";
import { ResourceFields } from "./resource-fields";
import { missingFields, type FormSpec, type FormValues, type ResourceRecord } from "./resource-forms";

// Create or edit one record of a resource, from its spec. On an error nothing typed is
// lost: the form keeps its values and shows the server's message under each field.
// Keyed per opening by its caller, so each opening starts from the record as it is now.
export function ResourceFormDialog({
  spec,
  record,
  open,
  onOpenChange,
  onDelete,
  returnFocus,
  children,
}: {
  spec: FormSpec;
  // None: a new record.
  record?: ResourceRecord;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDelete?: () => void;
  returnFocus?: ReturnFocus;
  // Below the form, e.g. a group's members.
  children?: ReactNode;
}) {
  const [values, setValues] = useState<FormValues>(() => (record ? spec.valuesOf(record) : { ...spec.blank }));
  const [errors, setErrors] = useState<FieldErrors>();
  const [pending, startTransition] = useTransition();
  const fields = spec.fields.filter((field) => !(record && field.createOnly));
  const title = record ? `Edit ${spec.singular}` : `Add ${spec.singular}`;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const missing = missingFields(fields, values);
    if (missing) {
      setErrors(missing);
      return;
    }
    const input = spec.toInput(values);
    startTransition(async () => {
      const result = record ? await spec.update({ id: record.id, changes: input }) : await spec.create!(input);
      if (result.ok) {
        const name = spec.nameOf({ ...(record ?? { id: "" }), ...values });
        toast.success(`${capitalise(spec.singular)} “${name}” ${record ? "saved" : "added"}.`);
        setErrors(undefined);
        if (!record) setValues({ ...spec.blank });
        onOpenChange(false);
      } else {
        setErrors(result.fieldErrors ?? undefined);
        if (!result.fieldErrors) toast.error(result.error);
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} returnFocus={returnFocus}>
      <DialogContent title={title} description={record ? spec.nameOf(record) : undefined}>
        <form onSubmit={submit} noValidate>
          <ResourceFields fields={fields} values={values} onChange={setValues} errors={errors} />
          {children}
          <DialogFooter>
            {onDelete ? (
              <Button
                variant="ghost"
                className="mr-auto text-destructive-foreground hover:bg-destructive-soft hover:text-destructive-foreground"
                onClick={onDelete}
              >
                Delete {spec.singular}
              </Button>
            ) : null}
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : record ? "Save" : `Add ${spec.singular}`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
