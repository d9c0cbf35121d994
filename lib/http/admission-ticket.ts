import { ADMISSION_HEADER } from "./admission.mjs";

// A request that will only wait from here on (a braked key's refusal, held back on
// purpose) gives its admission slot back (lib/http/admission.mjs), so held answers
// never keep other requests out of the app. Outside scripts/serve.mjs: nothing to do.
export function leaveAdmission(headers: Headers): void {
  const lifecycle = (globalThis as Record<symbol, { releaseAdmission?: (ticket: string | null) => void } | undefined>)[
    Symbol.for("wisp.lifecycle")
  ];
  lifecycle?.releaseAdmission?.(headers.get(ADMISSION_HEADER));
}
