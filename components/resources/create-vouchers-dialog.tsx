"use client";

import { Download, Plus } from "lucide-react";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { createVouchersAction } from "@/lib/actions/create-vouchers";
import type { FieldErrors } from "@/lib/actions/result";
import { vouchersCsv, type VoucherCsvRow } from "@/lib/wifi/voucher-csv";
import { ResourceFields } from "./resource-fields";
import { isoDateTime, missingFields, numberOf, type FieldSpec, type FormValues } from "./resource-forms";

const MAX = 1000;

const FIELDS: FieldSpec[] = [
  {
    name: "count",
    label: "How many",
    type: "number",
    required: "Enter how many vouchers to create.",
    min: 1,
    max: MAX,
    hint: "1 to 1,000 at once.",
  },
  { name: "prefix", label: "Prefix", type: "text", hint: "Optional: letters, digits and - (e.g. LOBBY)." },
  {
    name: "validitySeconds",
    label: "Validity (minutes)",
    type: "number",
    required: "Enter the validity in minutes.",
    min: 1,
    max: 525_600,
    hint: "How long a voucher works once first used: 1 minute to a year.",
  },
  { name: "usageLimit", label: "Usage limit", type: "number", required: "Enter a usage limit.", min: 1, max: 10_000 },
  {
    name: "expiresAt",
    label: "Expires",
    type: "datetime",
    hint: "Optional: after this, unused vouchers can't be used.",
  },
];

const BLANK: FormValues = { count: "1", prefix: "", validitySeconds: "60", usageLimit: "1", expiresAt: "" };

// One voucher or a batch of up to 1,000, then the batch's codes as a CSV file.
export function CreateVouchersDialog({ lockedReason }: { lockedReason?: string }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<FormValues>(BLANK);
  const [errors, setErrors] = useState<FieldErrors>();
  const [batch, setBatch] = useState<VoucherCsvRow[] | null>(null);
  const [pending, startTransition] = useTransition();

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setBatch(null);
      setErrors(undefined);
      setValues(BLANK);
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const missing = missingFields(FIELDS, values);
    if (missing) {
      setErrors(missing);
      return;
    }
    startTransition(async () => {
      const result = await createVouchersAction({
        count: numberOf(values.count),
        prefix: values.prefix,
        validitySeconds: Math.round(numberOf(values.validitySeconds) * 60),
        usageLimit: numberOf(values.usageLimit),
        expiresAt: isoDateTime(values.expiresAt),
      });
      if (result.ok) {
        setErrors(undefined);
        setBatch(result.vouchers);
        const count = result.vouchers.length;
        toast.success(`${count.toLocaleString("en")} voucher${count === 1 ? "" : "s"} created.`);
      } else {
        setErrors(result.fieldErrors);
        if (!result.fieldErrors) toast.error(result.error);
      }
    });
  }

  function download() {
    if (!batch) return;
    const url = URL.createObjectURL(new Blob([vouchersCsv(batch)], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `vouchers-${new Date().toISOString().slice(0, 19).replaceAll(":", "-")}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <LockedButton lockedReason={lockedReason} onClick={() => onOpenChange(true)}>
        <Plus className="h-4 w-4" aria-hidden />
        Create vouchers
      </LockedButton>
      {batch ? (
        <DialogContent
          title={`${batch.length.toLocaleString("en")} voucher${batch.length === 1 ? "" : "s"} created`}
          description="Download the codes of this batch as a CSV file to print or hand out."
        >
          {/* A few codes, not a scrolling list: a scroller would take focus before Download CSV. */}
          <ul className="rounded-md border border-border p-2 font-mono text-xs" aria-label="Codes">
            {batch.slice(0, 5).map((voucher) => (
              <li key={voucher.code}>{voucher.code}</li>
            ))}
            {batch.length > 5 ? (
              <li className="font-sans text-muted-foreground">and {(batch.length - 5).toLocaleString("en")} more</li>
            ) : null}
          </ul>
          <DialogFooter>
            {/* The form it replaces had focus: the next step, downloading, takes it. */}
            <Button variant="secondary" autoFocus onClick={download}>
              <Download className="h-4 w-4" aria-hidden />
              Download CSV
            </Button>
            <Button onClick={() => onOpenChange(false)}>Done</Button>
          </DialogFooter>
        </DialogContent>
      ) : (
        <DialogContent
          title="Create vouchers"
          description="One voucher or a batch of up to 1,000 with the same settings."
        >
          <form onSubmit={submit} noValidate>
            <ResourceFields fields={FIELDS} values={values} onChange={setValues} errors={errors} />
            <DialogFooter>
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create vouchers"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}

// A page's main button; when the role may not use it, disabled with the reason beside it.
export function LockedButton({
  lockedReason,
  onClick,
  children,
}: {
  lockedReason?: string;
  onClick: () => void;
  children: React.ReactNode;
}) {
  const reasonId = useId();
  if (!lockedReason) return <Button onClick={onClick}>{children}</Button>;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <p id={reasonId} className="max-w-72 text-right text-xs text-muted-foreground">
        {lockedReason}
      </p>
      <Button disabled aria-describedby={reasonId}>
        {children}
      </Button>
    </div>
  );
}
