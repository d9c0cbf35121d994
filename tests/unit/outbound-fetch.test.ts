import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress, OutboundRefused, outboundFetch } from "@/lib/http/outbound-fetch";

// The fetch single sign-on uses to reach identity providers: it refuses private networks
// (by literal address and by what a name resolves to) unless allowed, against a real
// HTTP server on loopback.
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify({ method: request.method, path: request.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("outboundFetch", () => {
  it("tells public addresses from private, loopback, link-local and mapped ones", () => {
    expect(isPublicAddress("93.184.216.34")).toBe(true);
    expect(isPublicAddress("2606:2800:220:1:248:1893:25c8:1946")).toBe(true);
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    expect(isPublicAddress("::ffff:127.0.0.1")).toBe(false);
    expect(isPublicAddress("fd00::1")).toBe(false);
    expect(isPublicAddress("0.0.0.0")).toBe(false);
  });

  it("refuses loopback by address and by name, before any request, unless private networks are allowed", async () => {
    const guarded = outboundFetch({ allowPrivateNetworks: false });
    await expect(guarded(`http://127.0.0.1:${port}/x`)).rejects.toBeInstanceOf(OutboundRefused);
    await expect(guarded(`http://[::ffff:127.0.0.1]:${port}/x`)).rejects.toBeInstanceOf(OutboundRefused);
    await expect(guarded(`http://localhost:${port}/x`)).rejects.toBeInstanceOf(OutboundRefused);
    await expect(guarded(`file:///etc/passwd`)).rejects.toThrow(/unsupported/);

    const allowed = outboundFetch({ allowPrivateNetworks: true });
    await expect(allowed("http://169.254.169.254/latest/meta-data/")).rejects.toBeInstanceOf(OutboundRefused);
    const response = await allowed(`http://localhost:${port}/token`, { method: "POST", body: "a=1" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ method: "POST", path: "/token" });
  });

  it("cuts off an answer larger than its limit", async () => {
    const small = outboundFetch({ allowPrivateNetworks: true, maxBytes: 10 });
    await expect(small(`http://127.0.0.1:${port}/a-long-enough-path`)).rejects.toThrow(/larger than 10 bytes/);
  });
});
