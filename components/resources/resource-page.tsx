import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { parseListQuery, readClampedPage } from "@/components/ui/paging";
import { requireMember } from "@/lib/auth/current-member";
import { allows } from "@/lib/permissions";
import { listQuerySchema, type AnyResource } from "@/lib/records/resource";
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
  const query = parseListQuery(listQuerySchema(resource), await searchParams);
  const { items, total, totalCapped, page } = await readClampedPage(query.page, query.pageSize, (page) =>
    resource.list(member.accountId, { ...query, after: undefined, page }),
  );
  return (
    <>
      {header}
      <ResourceList
        label={title}
        columns={columns}
        rows={(items as Item[]).map(toRow)}
        total={total}
        totalCapped={totalCapped}
        page={page}
        pageSize={query.pageSize}
        q={"q" in query ? String(query.q) : ""}
        searchLabel={resource.search?.label}
        empty={empty}
      />
    </>
  );
}
