import { get } from "node:http";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { api, createKeyInPortal, signUp, type Session } from "../helpers/portal";

const baseUrl = inject("baseUrl");
let secret: string;
let owner: Session;
let cookie: string;

beforeAll(async () => {
  owner = await signUp(baseUrl);
  cookie = owner.cookie;
  secret = (await createKeyInPortal(baseUrl, owner.cookie, "hardening")).secret;
});

async function expectJsonError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await response.json();
  expect(body.error).toMatchObject({ code });
  expect(typeof body.error.message).toBe("string");
  return body;
}

describe("paths and methods the API doesn't have", () => {
  it("answers an unknown /api/v1 path with a JSON 404, whatever the method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      for (const path of ["/api/v1/nope", "/api/v1/users/1/2/3/4", "/api/v1"]) {
        const response = await api(baseUrl, secret)(path, { method });
        await expectJsonError(response, 404, "not_found");
      }
    }
  });

  it("answers a malformed percent-encoding in an API path with a JSON 404, not a plain-text 500", async () => {
    for (const path of ["/api/v1/api-keys/%ff", "/api/v1/users/%E0%A4%A", "/api/v1/nope/%ff"]) {
      await expectJsonError(await api(baseUrl, secret)(path), 404, "not_found");
    }
  });

  it("answers a malformed percent-encoding in a page path with the portal's 404 page, signed in or not", async () => {
    const notFound = "This page could not be found.";
    const unknown = await fetch(`${baseUrl}/no-such-page`, { headers: { Cookie: owner.cookie } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain(notFound);
    for (const path of ["/api-keys/%ff", "/invite/%ff", "/api-keys/%E0%A4%A", "/%ff", "/users/%E0%A4%A?page=2"]) {
      for (const cookie of [owner.cookie, ""]) {
        const response = await fetch(baseUrl + path, { headers: { Cookie: cookie }, redirect: "manual" });
        expect(response.status, path).toBe(404);
        expect(response.headers.get("content-type"), path).toMatch(/^text\/html/);
        expect(response.headers.get("content-security-policy"), path).toMatch(/script-src[^;]*'nonce-/);
        expect(await response.text(), path).toContain(notFound);
      }
    }
  });

  it("answers a known path with a method it lacks with a JSON 405 and Allow", async () => {
    const sampleId = "00000000-0000-4000-8000-000000000000";
    const byPath = new Map<string, Set<string>>();
    // Every endpoint, as the served OpenAPI document lists them.
    const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        byPath.set(path, (byPath.get(path) ?? new Set()).add(method.toUpperCase()));
      }
    }
    byPath.set("/api/v1/openapi.json", new Set(["GET"]));
    for (const [template, methods] of byPath) {
      const path = template.replace("{keyId}", "key_0000000000000000").replace(/\{\w+\}/g, sampleId);
      const expectedAllow = [...methods, ...(methods.has("GET") ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !methods.has(m))) {
        const response = await api(baseUrl, secret)(path, { method });
        await expectJsonError(response, 405, "method_not_allowed");
        expect(response.headers.get("allow"), `${method} ${template}`).toBe(expectedAllow);
      }
    }
  });
});

describe("keys in the URL", () => {
  it("refuses the usual parameter names in any case", async () => {
    for (const name of ["KEY", "Api_Key", "APIKEY", "Token", "ACCESS_TOKEN"]) {
      const response = await fetch(`${baseUrl}/api/v1/whoami?${name}=${secret}`, {
        headers: { Authorization: `Bearer ${secret}` },
      });
      await expectJsonError(response, 400, "bad_request");
    }
  });

  it("refuses any parameter whose value looks like one of our keys, even cut short", async () => {
    for (const query of [`q=${secret}`, `x=${secret.slice(0, 20)}`, `filter=${secret.toUpperCase()}`]) {
      const response = await fetch(`${baseUrl}/api/v1/api-keys?${query}`, {
        headers: { Authorization: `Bearer ${secret}` },
      });
      await expectJsonError(response, 400, "bad_request");
    }
    // An ordinary search still works.
    const ordinary = await api(baseUrl, secret)("/api/v1/api-keys?q=hardening");
    expect(ordinary.status).toBe(200);
  });
});

describe("security headers", () => {
  it("puts a nonce-based CSP and the other headers on every HTML page", async () => {
    const nonces = new Set<string>();
    for (const path of ["/sign-in", "/sign-up", "/no-such-page"]) {
      const response = await fetch(baseUrl + path);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const csp = response.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // Every script tag of the page carries this response's nonce.
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      // Plain HTTP without APP_URL=https: no HSTS.
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
    expect(nonces.size).toBe(3);
  });

  it("gives the API reference page its own nonce-based policy", async () => {
    const response = await fetch(`${baseUrl}/api/reference`);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("sends a signed-in member asked to go elsewhere only to a path of this site", async () => {
    for (const page of ["/sign-in", "/set-password"])
      for (const next of [
        "%2F..%2F%2Fevil.example%2Fx",
        "/a/..//evil.example",
        "//evil.example",
        "https://evil.example",
      ]) {
        const response = await fetch(`${baseUrl}${page}?next=${next}`, {
          headers: { Cookie: cookie },
          redirect: "manual",
        });
        expect([303, 307, 308], `${page}?next=${next}`).toContain(response.status);
        const location = response.headers.get("location") ?? "";
        expect(new URL(location, baseUrl).origin, `${page}?next=${next} → ${location}`).toBe(new URL(baseUrl).origin);
        expect(location.startsWith("//"), location).toBe(false);
      }
  });
});

describe("connections", () => {
  it("keeps an idle keep-alive connection open longer than a load balancer or a client pool does", async () => {
    const header = await new Promise<string | string[] | undefined>((resolve, reject) => {
      get(`${baseUrl}/api/health`, (response) => {
        response.resume();
        resolve(response.headers["keep-alive"]);
      }).on("error", reject);
    });
    expect(header).toBe("timeout=65");
  });
});
