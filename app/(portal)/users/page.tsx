import type { Metadata } from "next";
import { ResourcePage } from "@/components/resources/resource-page";
import { formatDate } from "@/lib/format-date";
import { users } from "@/lib/wifi/users";

export const metadata: Metadata = { title: "Users" };
type User = Awaited<ReturnType<typeof users.list>>["items"][number];

export default function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  return (
    <ResourcePage<User>
      resource={users}
      title="Users"
      description="People and devices that sign in to your networks."
      empty="No users yet. Add one here or with POST /api/v1/users."
      columns={[
        { key: "username", label: "Username", sort: "username" },
        { key: "fullName", label: "Full name", sort: "fullName" },
        { key: "email", label: "Email", sort: "email" },
        { key: "status", label: "Status", width: "w-28" },
        { key: "createdAt", label: "Created", width: "w-32", sort: "createdAt" },
      ]}
      toRow={(user) => ({
        id: user.id,
        username: user.username,
        fullName: user.fullName || "—",
        email: user.email ?? "—",
        status: user.status === "enabled" ? "Enabled" : "Disabled",
        createdAt: formatDate(user.createdAt),
      })}
      searchParams={searchParams}
    />
  );
}
