"use server";

import { revalidatePath } from "next/cache";
import { endOtherSessions, endSession } from "@/lib/auth/manage-sessions";
import { AppError } from "@/lib/errors";
import { endOtherSessionsSchema, endSessionSchema } from "@/lib/validations/auth";
import { sessionAction } from "./safe-action";

// Ends one of the person's other sessions (the current one ends with "Sign out").
export const endSessionAction = sessionAction(endSessionSchema, async ({ sessionId }, { session }) => {
  if (sessionId === session.sessionId)
    throw new AppError("conflict", "This is the session you are using: sign out instead.");
  await endSession(session, sessionId);
  revalidatePath("/account");
  return {};
});

// "Sign out of all other sessions".
export const endOtherSessionsAction = sessionAction(endOtherSessionsSchema, async (_input, { session }) => {
  const ended = await endOtherSessions(session);
  revalidatePath("/account");
  return { ended };
});
