// The Playwright servers' identity provider: a real OpenID provider (tests/helpers/oidc.ts)
// on the given port, with one client whose redirect URIs are the portal servers' callbacks.
// Playwright starts it before the portal's servers and stops it (SIGTERM) at the end.
import { startOidcProvider } from "../tests/helpers/oidc";

const [port, clientId, clientSecret, ...redirectUris] = process.argv.slice(2);
const idp = await startOidcProvider(Number(port), [
  { client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris },
]);
console.log(`test OpenID provider at ${idp.issuer}`);

const stop = () => void idp.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
