import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { parseListQuery, readClampedPage } from "@/components/ui/paging";
import { requireMember } from "@/lib/auth/current-member";
import { allows, AREAS } from "@/lib/permissions";
import type { AnyResource } from "@/lib/records/resource";
import { listQuerySchema } from "@/lib/validations/common";
import { users } from "@/lib/wifi/users";
import type { ResourceKind, ResourceRecord } from "./resource-forms";
import { ResourceList, type ListColumn } from "./resource-list";

type Props<Item> = {
  resource: AnyResource;
  title: string;
  description: string;
  empty: string;
  columns: ListColumn[];
  toRow: (item: Item) => Record<string, string>;
  searchParams: Promise<Record<string, string | string[]>>;
};

// The server half of a resource's list page: checks the member's access, reads a page
// (by page number: the address always names a true page; `after` is for the API).
export async function ResourcePage<Item>({
  resource,
  title,
  description,
  empty,
  columns,
  toRow,
  searchParams,
}: Props<Item>) {
  const member = await requireMember(`/${resource.name}`);
  const header = <PageHeader title={title} description={description} />;
  if (!allows(member.permissions, resource.area, "READ"))
    return (
      <>
        {header}
        <NoAccess area={resource.area} />
      </>
    );
  const kind = resource.name as ResourceKind;
  const lockedReason = allows(member.permissions, resource.area, "FULL")
    ? undefined
    : `Your role has Read Access to ${AREAS[resource.area].label}, so you can't change ${resource.name}.`;
  // A group's members are chosen from the account's first users (oldest first).
  const userChoices =
    kind === "groups" && !lockedReason && allows(member.permissions, "users", "READ")
      ? (await users.list(member.accountId, { page: 1, pageSize: 100 })).items.map((user) => ({
          id: user.id,
          username: user.username,
        }))
      : [];
  const query = parseListQuery(listQuerySchema(resource), await searchParams);
  const { items, total, totalCapped, page } = await readClampedPage(query.page, query.pageSize, (page) =>
    resource.list(member.accountId, { ...query, after: undefined, page }),
  );
  return (
    <>
      {header}
      <ResourceList
        kind={kind}
        label={title}
        columns={columns}
        rows={(items as (Item & ResourceRecord)[]).map((item) => ({ id: item.id, cells: toRow(item), record: item }))}
        total={total}
        totalCapped={totalCapped}
        page={page}
        pageSize={query.pageSize}
        q={"q" in query ? String(query.q) : ""}
        sort={"sort" in query ? String(query.sort) : "createdAt"}
        dir={"dir" in query && query.dir === "desc" ? "desc" : "asc"}
        searchLabel={resource.search?.label}
        empty={empty}
        lockedReason={lockedReason}
        users={userChoices}
      />
    </>
  );
}
