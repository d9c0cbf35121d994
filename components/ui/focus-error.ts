"use client";

import { useEffect, type RefObject } from "react";

// After a failed submit, focus goes to what failed, so a keyboard or screen reader user
// isn't left on a button that was disabled while the form was sent: the first field with
// an error under it (a Field's `<id>-error`), or else the form's own alert.
// `failure` is the failed result (a new object per submit), or undefined.
export function useFocusOnError(root: RefObject<HTMLElement | null>, failure: unknown) {
  useEffect(() => {
    if (!failure || !root.current) return;
    const alert = root.current.querySelector<HTMLElement>('[role="alert"]');
    if (!alert) return;
    const field = alert.id.endsWith("-error") ? document.getElementById(alert.id.slice(0, -"-error".length)) : null;
    if (field) field.focus();
    else {
      if (!alert.hasAttribute("tabindex")) alert.tabIndex = -1;
      alert.focus();
    }
  }, [root, failure]);
}
