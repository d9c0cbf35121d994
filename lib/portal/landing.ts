import { allows, type Area, type Permissions } from "@/lib/permissions";

// Where a sign-in lands when no page was asked for: API Keys, else the first page of
// the sidebar the member's role may see, else their account page. (The same order as
// components/portal/sidebar.tsx, with API Keys first: it is the portal's home.)
const PAGES: { href: string; area: Area }[] = [
  { href: "/api-keys", area: "api_keys" },
  { href: "/users", area: "users" },
  { href: "/groups", area: "groups" },
  { href: "/networks", area: "networks" },
  { href: "/vouchers", area: "vouchers" },
  { href: "/roles", area: "roles" },
  { href: "/team", area: "team" },
];

export function landingPath(permissions: Permissions): string {
  return PAGES.find((page) => allows(permissions, page.area, "READ"))?.href ?? "/account";
}

// A `next` parameter as a path of this site, or null: never another origin
// (`//evil.example`, `https://…`, `/\evil.example`), never back into the sign-in pages.
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2000) return null;
  if (value.startsWith("//") || value.includes("\\")) return null;
  let url: URL;
  try {
    url = new URL(value, "http://portal.invalid");
  } catch {
    return null;
  }
  // Resolved, not as written: "/..//evil.example" becomes "//evil.example", which a
  // browser reads as another host.
  if (url.origin !== "http://portal.invalid" || url.pathname.startsWith("//") || url.pathname.includes("\\"))
    return null;
  if (
    /^\/(sign-in|sign-up|set-password|invite|verify-email)(\/|$)/.test(url.pathname) ||
    url.pathname.startsWith("/api/")
  ) {
    return null;
  }
  return url.pathname + url.search;
}
