"use server";

import { revalidatePath } from "next/cache";
import { setNoticeSetting } from "@/lib/notices/settings";
import { noticeSettingSchema } from "@/lib/validations/notices";
import { sessionAction } from "./safe-action";

// One switch of the Notifications section on /account: the person's own setting.
export const setNoticeSettingAction = sessionAction(noticeSettingSchema, async (input, { session }) => {
  const settings = await setNoticeSetting(session, input);
  revalidatePath("/account");
  return { settings };
});
