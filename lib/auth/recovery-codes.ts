import "server-only";
import { randomBytes } from "node:crypto";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import type { Tx } from "@/lib/records/kind";
import { keyedHash } from "./sealed";

// Ten single-use recovery codes, for when the authenticator is lost: shown once, stored
// as keyed hashes (sealed.ts). New codes replace all the old ones. A code is 10 letters
// and digits of an alphabet without look-alikes (about 50 bits), written "xxxxx-xxxxx";
// it is accepted with or without the dash, in any case.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const PURPOSE = "recovery-code";

const normalise = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");
const hashCode = (code: string) => keyedHash(PURPOSE, normalise(code));

function newCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z0-9]{10}$/.test(normalise(code));
}

// In the caller's transaction: replaces the login's codes; returns the new ones (shown once).
export async function replaceRecoveryCodes(tx: Tx, identityId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const at = now();
  await tx.recoveryCode.deleteMany({ where: { identityId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ identityId, codeHash: hashCode(code), createdAt: at })),
  });
  return codes;
}

// Uses up one unused code of the login; false for any other code. The conditional update
// makes two requests with one code race to one success.
export async function spendRecoveryCode(identityId: string, code: string): Promise<boolean> {
  if (!looksLikeRecoveryCode(code)) return false;
  const { count } = await getDb().recoveryCode.updateMany({
    where: { identityId, codeHash: hashCode(code), usedAt: null },
    data: { usedAt: now() },
  });
  return count === 1;
}

export async function unusedRecoveryCodes(identityId: string): Promise<number> {
  return getDb().recoveryCode.count({ where: { identityId, usedAt: null } });
}
