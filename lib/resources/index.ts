import { groups } from "./groups";
import { networks } from "./networks";
import { roles } from "./roles";
import { team } from "./team";
import { users } from "./users";
import { vouchers } from "./vouchers";

// Every CRUD resource of /api/v1, in the order the API reference lists them.
export const RESOURCES = [users, groups, networks, vouchers, roles, team] as const;
