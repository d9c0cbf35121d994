import type { Metadata, Viewport } from "next";
import { ThemeProvider } from "next-themes";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Toaster } from "@/components/theme/toaster";
import { RowIconSprite } from "@/components/ui/row-icons";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Wisp Portal", template: "%s · Wisp Portal" },
  applicationName: "Wisp Portal",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

// Rendered per request (it reads the request's headers), so that Next can put each
// response's CSP nonce (proxy.ts) on its scripts.
export default async function RootLayout({ children }: { children: ReactNode }) {
  // next-themes sets the theme class with a small inline script before the page paints;
  // the proxy passes this request's nonce here.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        {/* Every page: the (auth) pages' copy buttons use it too. */}
        <RowIconSprite />
        <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
          {children}
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
