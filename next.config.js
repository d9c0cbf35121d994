// Browser features the portal doesn't use, denied to it and to anything it could embed.
const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  // Passkeys (WebAuthn) are the portal's own, and nobody else's.
  .concat(["publickey-credentials-create=(self)", "publickey-credentials-get=(self)"])
  .join(", ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package directory at run time;
  // fs-ext is a native addon. The rest are loaded once from node_modules: bundled, each
  // route's server chunk had its own copy of each (zod in 15 chunks, ioredis in 13), and a
  // server that had opened a dozen pages held a dozen copies in memory.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "fs-ext",
    "@prisma/adapter-pg",
    "@simplewebauthn/server",
    "@zxcvbn-ts/core",
    "@zxcvbn-ts/language-common",
    "@zxcvbn-ts/language-en",
    "ioredis",
    "ipaddr.js",
    "nodemailer",
    "openid-client",
    "otplib",
    "qrcode",
    "rate-limiter-flexible",
    "standardwebhooks",
    "zod",
  ],
  poweredByHeader: false,
  // On every response; the Content-Security-Policy, which needs a nonce per request, is
  // set by proxy.ts (pages) and app/api/reference/route.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: "64kb" },
  },
};

module.exports = nextConfig;
