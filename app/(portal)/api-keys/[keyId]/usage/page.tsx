import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { KeyUsage } from "@/components/usage/key-usage";
import { getApiKey } from "@/lib/api-keys/manage";
import { requireMember } from "@/lib/auth/current-member";
import { AppError } from "@/lib/errors";
import { allows } from "@/lib/permissions";
import { keyIdSchema } from "@/lib/validations/api-key";

export const metadata: Metadata = { title: "Key usage" };

// One key's limits, quota and usage charts.
export default async function KeyUsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ keyId: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const member = await requireMember();
  if (!allows(member.permissions, "api_keys", "READ"))
    return (
      <>
        <PageHeader title="Key usage" description="What a key does." />
        <NoAccess area="api_keys" />
      </>
    );
  const parsed = keyIdSchema.safeParse((await params).keyId);
  if (!parsed.success) notFound();
  const key = await getApiKey(member.accountId, parsed.data).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/api-keys" className="text-link hover:underline">
          ← API Keys
        </Link>
      </p>
      <PageHeader title={`Usage of “${key.name}”`} description={`${key.keyId} · role ${key.role.name}`} />
      <KeyUsage
        accountId={member.accountId}
        keyId={key.keyId}
        limits={key}
        usageParam={(await searchParams).usage}
        path={`/api-keys/${key.keyId}/usage`}
      />
    </>
  );
}
