"use server";

import { groups } from "@/lib/wifi/groups";
import { networks } from "@/lib/wifi/networks";
import { users } from "@/lib/wifi/users";
import { createResourceAction } from "./resource-action";

// Vouchers are created one or many at once: create-vouchers.ts.
export const createUserAction = createResourceAction(users);
export const createGroupAction = createResourceAction(groups);
export const createNetworkAction = createResourceAction(networks);
