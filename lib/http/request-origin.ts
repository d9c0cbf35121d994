// This portal's base URL as the client reached it (for curl examples and the key
// format's report address). A configured public URL, where there is one, should win.
export function requestOrigin(headers: Headers): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
