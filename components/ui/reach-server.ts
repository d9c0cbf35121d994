import type { ActionResult } from "@/lib/actions/result";

// What a form says when its request never got an answer (the server is down or
// restarting, or the network is gone): nothing was saved, and the form keeps its input.
export const UNREACHABLE =
  "Couldn't reach the server, so nothing was saved. What you entered is kept: try again in a moment.";

// Calls a server action; a call that fails without an answer (fetch rejected) becomes an
// ordinary error result, so the dialog stays open with its input instead of the page
// falling into the error boundary.
type Unreachable = Extract<ActionResult, { ok: false }>;

export async function reachServer<R extends ActionResult>(call: () => Promise<R>): Promise<R | Unreachable> {
  try {
    return await call();
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
}
