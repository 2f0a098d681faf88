import { PageHeader } from "#app/components/page.tsx";
import { KeptList, RemovedList } from "#app/components/privacy/kept-list.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { erasureReceipt } from "#app/modules/privacy/erasure.server.ts";
import { erasureReceiptCookie } from "#app/modules/privacy/receipt-cookie.server.ts";
import type { Route } from "./+types/account.erased";

/** After erasing: what went and what stays, for the browser that asked (signed out by then). */
export async function loader({ request }: Route.LoaderArgs) {
  const receipt = await erasureReceiptCookie.parse(request.headers.get("cookie"));
  const outcome = typeof receipt === "string" ? await erasureReceipt(receipt) : null;
  return { outcome };
}

export default function AccountErased({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("privacy");
  const { outcome } = loaderData;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <title>{`${t("erased.title")} · Werkpad`}</title>
      <PageHeader
        title={t("erased.title")}
        intro={t(outcome ? "erased.intro" : "erased.noReceipt")}
      />
      {outcome ? (
        <>
          <Card title={t("erased.removedHeading")}>
            <RemovedList removed={outcome.removed} />
          </Card>
          <Card title={t("erase.keptHeading")}>
            <p className="mb-3 text-muted">{t("erase.keptWhy")}</p>
            <KeptList kept={outcome.kept} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
