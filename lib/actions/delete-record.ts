"use server";

import { groups } from "@/lib/wifi/groups";
import { networks } from "@/lib/wifi/networks";
import { users } from "@/lib/wifi/users";
import { vouchers } from "@/lib/wifi/vouchers";
import { deleteResourceAction } from "./resource-action";

export const deleteUserAction = deleteResourceAction(users);
export const deleteGroupAction = deleteResourceAction(groups);
export const deleteNetworkAction = deleteResourceAction(networks);
export const deleteVoucherAction = deleteResourceAction(vouchers);
