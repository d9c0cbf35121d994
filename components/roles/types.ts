import type { Permissions } from "@/lib/permissions";

export type RoleRow = {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: Permissions;
  usage: { members: number; apiKeys: number };
};
