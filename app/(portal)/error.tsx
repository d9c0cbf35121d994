"use client";

import { PageError } from "@/components/portal/page-error";

// A page of the portal that failed to render or load (e.g. the server went away during a
// navigation): the portal's layout stays, the page says what happened and offers Retry.
export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  return <PageError error={error} retry={retry} />;
}
