"use client";

import { PageError } from "@/components/portal/page-error";
import "./globals.css";

// The last resort, when the root layout itself failed: the same message and Retry as a
// portal page's (app/(portal)/error.tsx), on a page of its own.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <main className="mx-auto max-w-xl px-4 py-16">
          <PageError error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
