// Nothing but the project root: without it Next.js takes the portal's checkout (its
// lockfile is further up) as the workspace root and reads the portal's next.config.js.
/** @type {import("next").NextConfig} */
const nextConfig = { turbopack: { root: import.meta.dirname }, outputFileTracingRoot: import.meta.dirname };
export default nextConfig;
