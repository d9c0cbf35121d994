import { roles } from "@/lib/roles/roles";
import { team } from "@/lib/team/team";
import { groups } from "@/lib/wifi/groups";
import { networks } from "@/lib/wifi/networks";
import { users } from "@/lib/wifi/users";
import { vouchers } from "@/lib/wifi/vouchers";

// Every CRUD resource of /api/v1, in the order the API reference lists them.
export const RESOURCES = [users, groups, networks, vouchers, roles, team] as const;
