"use client";

import QRCode from "qrcode";
import { useEffect, useState } from "react";

// A QR code drawn in the browser as an SVG data URL (the secret it holds never leaves the
// dialog): black on white whatever the theme, so every camera reads it.
export function QrCode({ value, label }: { value: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(value, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
      .then((svg) => live && setSrc(`data:image/svg+xml;base64,${btoa(svg)}`))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [value]);
  return (
    <div className="mx-auto h-44 w-44 rounded-md bg-white p-2">
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn here, nothing to optimise */}
      {src ? <img src={src} alt={label} width={160} height={160} /> : null}
    </div>
  );
}
