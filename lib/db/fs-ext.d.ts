// The part of fs-ext (a native addon without bundled types) that lib/db/data-dir-lock.ts uses.
declare module "fs-ext" {
  export function flockSync(fd: number, flags: "sh" | "ex" | "shnb" | "exnb" | "un"): void;
}
