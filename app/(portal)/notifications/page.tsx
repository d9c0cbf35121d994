import type { Metadata } from "next";
import { MailLogView } from "@/components/notifications/mail-log-view";
import { OwnersOnly } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { parseListQuery, readClampedPage } from "@/components/ui/paging";
import { requireSession } from "@/lib/auth/current-member";
import { mailIsSetUp } from "@/lib/mail/settings";
import { listAccountMail } from "@/lib/notices/mail-log";
import { pageQuerySchema } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Notifications" };

// Owners only: the account's recent mail (invitations and notices), never a body or link.
export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const session = await requireSession("/notifications");
  const header = (
    <PageHeader
      title="Notifications"
      description={
        mailIsSetUp()
          ? "The mail this account sent recently: to whom, what, and whether it was delivered. Mail bodies and their links are never shown."
          : "The mail this account would have sent recently. Email isn't set up on this server (SMTP_URL), so each mail was saved as a file in its data directory instead. Mail bodies and their links are never shown."
      }
    />
  );
  if (!session.owner)
    return (
      <>
        {header}
        <OwnersOnly what="Notifications" />
      </>
    );
  const query = parseListQuery(pageQuerySchema, await searchParams);
  const mails = await readClampedPage(query.page, query.pageSize, (page) =>
    listAccountMail(session.actor.accountId, { page, pageSize: query.pageSize }),
  );
  return (
    <>
      {header}
      <MailLogView
        mails={mails.items}
        page={mails.page}
        pageSize={query.pageSize}
        total={mails.total}
        totalCapped={mails.totalCapped}
        mailIsSetUp={mailIsSetUp()}
      />
    </>
  );
}
