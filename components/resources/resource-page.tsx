import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { allows } from "@/lib/permissions";
import type { AnyResource } from "@/lib/records/resource";
import { pageQuerySchema } from "@/lib/validations/common";
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

// The server half of a resource's list page: checks the member's access, reads a page.
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
  const parsed = pageQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : pageQuerySchema.parse({});
  const { items, total } = await resource.list(member.accountId, query);
  return (
    <>
      {header}
      <ResourceList
        columns={columns}
        rows={(items as Item[]).map(toRow)}
        total={total}
        page={query.page}
        pageSize={query.pageSize}
        empty={empty}
      />
    </>
  );
}
