"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Switch } from "@/components/ui/switch";
import { setNoticeSettingAction } from "@/lib/actions/set-notice-setting";
import {
  NOTICE_LABELS,
  OPTIONAL_NOTICES,
  SECURITY_NOTICE_REFUSAL,
  SECURITY_NOTICES,
  type OptionalNotice,
} from "@/lib/validations/notices";

// The person's notice settings: one switch per kind, saved as it is flipped (and put back
// if saving fails). Security notices are shown as always on, with the reason.
export function NoticeSettings({ settings }: { settings: Record<OptionalNotice, boolean> }) {
  const [current, setCurrent] = useState(settings);
  const [pending, startTransition] = useTransition();

  function flip(kind: OptionalNotice, enabled: boolean) {
    setCurrent((was) => ({ ...was, [kind]: enabled }));
    startTransition(async () => {
      const result = await setNoticeSettingAction({ kind, enabled });
      if (result.ok) {
        setCurrent(result.settings);
        toast.success(`${NOTICE_LABELS[kind].label} notices turned ${enabled ? "on" : "off"}.`);
      } else {
        setCurrent((was) => ({ ...was, [kind]: !enabled }));
        toast.error(result.error);
      }
    });
  }

  return (
    <ul className="mt-4 divide-y divide-border">
      {OPTIONAL_NOTICES.map((kind) => (
        <Row key={kind} id={`notice-${kind}`} {...NOTICE_LABELS[kind]}>
          <Switch
            id={`notice-${kind}`}
            aria-describedby={`notice-${kind}-description`}
            checked={current[kind]}
            disabled={pending}
            onCheckedChange={(enabled) => flip(kind, enabled)}
          />
        </Row>
      ))}
      {SECURITY_NOTICES.map((kind) => (
        <Row key={kind} id={`notice-${kind}`} {...NOTICE_LABELS[kind]} reason={SECURITY_NOTICE_REFUSAL}>
          <Switch
            id={`notice-${kind}`}
            aria-describedby={`notice-${kind}-description notice-${kind}-reason`}
            checked
            disabled
          />
        </Row>
      ))}
    </ul>
  );
}

function Row({
  id,
  label,
  description,
  reason,
  children,
}: {
  id: string;
  label: string;
  description: string;
  reason?: string;
  children: React.ReactNode;
}) {
  return (
    <li className="flex items-start justify-between gap-4 py-3 first:pt-0 last:pb-0">
      <div className="min-w-0 text-sm">
        <label htmlFor={id} className="font-medium text-foreground">
          {label}
        </label>
        <p id={`${id}-description`} className="text-muted-foreground">
          {description}
        </p>
        {reason ? (
          <p id={`${id}-reason`} className="mt-0.5 text-xs text-muted-foreground">
            {reason} Always on.
          </p>
        ) : null}
      </div>
      {children}
    </li>
  );
}
