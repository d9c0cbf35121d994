// The secret from an `Authorization: Bearer <key>` header, or null.
export function parseBearer(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match ? match[1] : null;
}
