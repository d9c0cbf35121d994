import "server-only";
import { randomBytes } from "node:crypto";
import { processSingleton } from "@/lib/process-singleton";

// Single sign-on hands the person it verified to next-auth (the "sso" provider in
// index.ts), which mints the session cookie exactly as for a password. The hand-over is a
// random ticket that never leaves this process: the callback's route handler puts it here
// and, in the same request, next-auth's authorize takes it out. A ticket works once, for
// 30 seconds; one posted to /api/auth/callback/sso from outside matches nothing.
type Handed = { identityId: string; email: string; memberId: string; expiresAt: number };

const TICKET_MS = 30_000;
const tickets = processSingleton("ssoTickets", () => new Map<string, Handed>());

export function handOff(person: Omit<Handed, "expiresAt">): string {
  const ticket = randomBytes(32).toString("base64url");
  const at = Date.now();
  for (const [key, handed] of tickets) if (handed.expiresAt <= at) tickets.delete(key);
  tickets.set(ticket, { ...person, expiresAt: at + TICKET_MS });
  return ticket;
}

export function redeem(ticket: unknown): Omit<Handed, "expiresAt"> | null {
  if (typeof ticket !== "string") return null;
  const handed = tickets.get(ticket);
  tickets.delete(ticket);
  if (!handed || handed.expiresAt <= Date.now()) return null;
  return { identityId: handed.identityId, email: handed.email, memberId: handed.memberId };
}
