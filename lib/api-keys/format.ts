import { hash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

// A secret looks like GitHub's tokens: a product prefix, 32 base62 characters from a
// CSPRNG (~190 bits), then a 6-character base62 CRC32 of the random part, so a typo or
// a made-up key is refused without touching the database.
export const KEY_PREFIX = "wisp_";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);
const VISIBLE_RANDOM_CHARS = 4;

// The format, published for secret scanners (docs/keys-and-lifecycle.md and GET /.well-known/api-key-format):
// `pattern` finds candidates in text; the checksum then tells a real key from look-alikes.
export const KEY_FORMAT = {
  prefix: KEY_PREFIX,
  alphabet: BASE62,
  randomLength: RANDOM_LENGTH,
  checksumLength: CHECKSUM_LENGTH,
  length: KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH,
  pattern: `\\b${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}\\b`,
  checksum:
    `The last ${CHECKSUM_LENGTH} characters are the CRC-32 (IEEE 802.3, as zlib's crc32) of the ${RANDOM_LENGTH} ` +
    `random characters after the prefix, written in base62 with the alphabet above (most significant digit ` +
    `first) and left-padded with "0" to ${CHECKSUM_LENGTH} characters.`,
} as const;

export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting higher bytes keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function toBase62(value: number, width: number): string {
  let out = "";
  let rest = value;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, "0");
}

export function checksumOf(random: string): string {
  return toBase62(crc32(random), CHECKSUM_LENGTH);
}

export function generateSecret(): string {
  const random = randomBase62(RANDOM_LENGTH);
  return KEY_PREFIX + random + checksumOf(random);
}

// True only for a well-formed secret whose checksum matches.
export function isWellFormed(secret: string): boolean {
  if (!SECRET_PATTERN.test(secret)) return false;
  const body = secret.slice(KEY_PREFIX.length);
  return checksumOf(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}

export function hashSecret(secret: string): string {
  return hash("sha256", secret, "hex");
}

// What the portal may show of a secret: the prefix and its first few characters.
export function visibleStart(secret: string): string {
  return secret.slice(0, KEY_PREFIX.length + VISIBLE_RANDOM_CHARS);
}

// A new key, made once: the secret (shown once), its hash (stored) and its visible start.
export function newSecret(): { secret: string; hash: string; start: string } {
  const secret = generateSecret();
  return { secret, hash: hashSecret(secret), start: visibleStart(secret) };
}

// The public handle of a key, used in URLs and the API.
export function generateKeyId(): string {
  return "key_" + randomBase62(16);
}
