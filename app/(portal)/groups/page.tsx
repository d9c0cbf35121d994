import type { Metadata } from "next";
import { ResourcePage } from "@/components/resources/resource-page";
import { formatDate } from "@/lib/format-date";
import { groups } from "@/lib/wifi/groups";

export const metadata: Metadata = { title: "Groups" };
type Group = Awaited<ReturnType<typeof groups.list>>["items"][number];

export default function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  return (
    <ResourcePage<Group>
      resource={groups}
      title="Groups"
      description="Groups of users, each member with a priority from 1 to 10."
      empty="No groups yet. Add one here or with POST /api/v1/groups."
      columns={[
        { key: "name", label: "Name", sort: "name" },
        { key: "description", label: "Description" },
        { key: "members", label: "Members", width: "w-28" },
        { key: "createdAt", label: "Created", width: "w-32", sort: "createdAt" },
      ]}
      toRow={(group) => ({
        id: group.id,
        name: group.name,
        description: group.description || "—",
        members: String(group.members.length),
        createdAt: formatDate(group.createdAt),
      })}
      searchParams={searchParams}
    />
  );
}
