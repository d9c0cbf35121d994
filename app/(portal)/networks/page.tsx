import type { Metadata } from "next";
import { ResourcePage } from "@/components/resources/resource-page";
import { formatDate } from "@/lib/format-date";
import { networks } from "@/lib/wifi/networks";

export const metadata: Metadata = { title: "Networks" };
type Network = Awaited<ReturnType<typeof networks.list>>["items"][number];

export default function NetworksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  return (
    <ResourcePage<Network>
      resource={networks}
      title="Networks"
      description="Your Wi-Fi networks and their SSIDs."
      empty="No networks yet. Add one here or with POST /api/v1/networks."
      columns={[
        { key: "name", label: "Name", sort: "name" },
        { key: "ssid", label: "SSID", sort: "ssid", mono: true },
        { key: "description", label: "Description" },
        { key: "createdAt", label: "Created", width: "w-32", sort: "createdAt" },
      ]}
      toRow={(network) => ({
        id: network.id,
        name: network.name,
        ssid: network.ssid,
        description: network.description || "—",
        createdAt: formatDate(network.createdAt),
      })}
      searchParams={searchParams}
    />
  );
}
