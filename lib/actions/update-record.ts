"use server";

import { groups } from "@/lib/wifi/groups";
import { networks } from "@/lib/wifi/networks";
import { users } from "@/lib/wifi/users";
import { vouchers } from "@/lib/wifi/vouchers";
import { updateResourceAction } from "./resource-action";

export const updateUserAction = updateResourceAction(users);
export const updateGroupAction = updateResourceAction(groups);
export const updateNetworkAction = updateResourceAction(networks);
export const updateVoucherAction = updateResourceAction(vouchers);
