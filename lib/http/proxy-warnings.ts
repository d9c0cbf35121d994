// What scripts/serve.mjs noticed about the proxies in front: peers that send
// X-Forwarded-For without being in TRUSTED_PROXIES (so the brakes count all their clients
// as one address). /api/ready lists them for whoever runs the portal.
export function proxyWarnings(): string[] {
  const lifecycle = (globalThis as Record<symbol, { untrustedForwarders?: string[] } | undefined>)[
    Symbol.for("wisp.lifecycle")
  ];
  return (lifecycle?.untrustedForwarders ?? []).map(
    (peer) =>
      `${peer} sends X-Forwarded-For but is not in TRUSTED_PROXIES: if it is a proxy, set TRUSTED_PROXIES, or every client behind it shares one address (and one brake).`,
  );
}
