// oidc-provider ships no types; the tests use a handful of its calls (tests/helpers/oidc.ts).
declare module "oidc-provider";
