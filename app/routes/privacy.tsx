import { Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { TextField } from "#app/components/ui/field.tsx";
import { requireMember } from "#app/modules/auth/request.server.ts";
import { errorMessage } from "#app/modules/error-messages.ts";
import { badRequest, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { recordsOfProcessing, setCaseRetention } from "#app/modules/privacy/records.server.ts";
import { caseRetentionBounds, type ProcessingRecord } from "#app/modules/privacy/retention.ts";
import { wholeNumber } from "#app/modules/validation.ts";
import type { Route } from "./+types/privacy";

/**
 * The records of processing for the organisation's data-protection officer:
 * what Werkpad stores, why, how long, who sees it, and who processes it; the
 * retention period (owners change it) and the closed cases deleted next.
 */
export async function loader(args: Route.LoaderArgs) {
  const { actor, tdb } = requireMember(args);
  const page = await recordsOfProcessing(tdb, actor);
  if (!page) notFound();
  return page;
}

const retentionSchema = z.object({
  intent: z.literal("set-retention"),
  months: wholeNumber(
    caseRetentionBounds.min,
    caseRetentionBounds.max,
    "privacy:retention.outOfBounds",
  ),
});

export async function action(args: Route.ActionArgs) {
  const { actor, tdb } = requireMember(args);
  const form = Object.fromEntries(await args.request.formData());
  if (form.intent !== "set-retention") badRequest();
  const parsed = retentionSchema.safeParse(form);
  if (!parsed.success) {
    const { min, max } = caseRetentionBounds;
    return {
      error: errorMessage("privacy:retention.outOfBounds", { min, max }),
      months: typeof form.months === "string" ? form.months : "",
    };
  }
  orRespond(await setCaseRetention(tdb, actor, parsed.data.months));
  return redirectWithToast("/privacy", { kind: "success", message: "privacy:retention.saved" });
}

export default function Privacy({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("privacy");
  const navigation = useNavigation();
  const page = loaderData;
  const seenBy = (record: ProcessingRecord) =>
    record.visibleTo.map((who) => t(`seenBy.${who}`)).join(", ");
  const keptFor = (record: ProcessingRecord) => {
    switch (record.retention.kind) {
      case "whileAccount":
        return t("kept.whileAccount");
      case "caseRetention":
        return t("kept.caseRetention", { count: page.months });
      case "days":
        return t("kept.days", { count: record.retention.days });
      case "jobRetention":
        return t("kept.days", { count: page.jobRetentionDays });
      case "auditTrail":
        return t("kept.auditTrail");
    }
  };
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <title>{`${t("title")} · Werkpad`}</title>
      <PageHeader title={t("title")} intro={t("intro", { organization: page.organization })} />
      <Card title={t("recordsHeading")}>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("recordsHeading")}</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-3">
                  {t("columns.what")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("columns.why")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("columns.howLong")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("columns.seenBy")}
                </th>
                <th scope="col" className="py-2">
                  {t("columns.processors")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.records.map((record) => (
                <tr key={record.id} className="border-b border-line align-top">
                  <th scope="row" className="py-2 pr-3 font-semibold">
                    {t(`records.${record.id}.what`)}
                  </th>
                  <td className="py-2 pr-3">{t(`records.${record.id}.why`)}</td>
                  <td className="py-2 pr-3">{keptFor(record)}</td>
                  <td className="py-2 pr-3">{seenBy(record)}</td>
                  <td className="py-2">
                    {[
                      t("processors.hosting.name"),
                      ...record.processors.map((id) => t(`processors.${id}.name`)),
                    ].join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t("processorsHeading")}>
        <ul className="flex flex-col gap-2">
          {page.processors.map((processor) => (
            <li key={processor.id}>
              <span className="font-semibold">{t(`processors.${processor.id}.name`)}</span>:{" "}
              {t(`processors.${processor.id}.what`)}{" "}
              <span className="text-muted">
                ({t(processor.inUse ? "processorInUse" : "processorNotInUse")})
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("retention.heading")}>
        <p className="mb-3">
          {t("retention.current", { count: page.months })}{" "}
          {t(`retention.why.${page.country}`, { count: page.defaultMonths })}
        </p>
        {page.mayChange ? (
          <Form method="post" className="flex flex-wrap items-end gap-3" noValidate>
            <TextField
              id="months"
              name="months"
              type="number"
              inputMode="numeric"
              min={page.bounds.min}
              max={page.bounds.max}
              label={t("retention.label")}
              hint={t("retention.hint", { min: page.bounds.min, max: page.bounds.max })}
              defaultValue={actionData?.months ?? page.months}
              errors={actionData ? [actionData.error] : undefined}
              className="w-28"
            />
            <Button
              type="submit"
              name="intent"
              value="set-retention"
              variant="secondary"
              pending={navigation.state === "submitting"}
            >
              {t("retention.save")}
            </Button>
          </Form>
        ) : null}
      </Card>
      <Card title={t("next.heading")}>
        {page.nextDeletions.length === 0 ? (
          <p>{t("next.none")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {page.nextDeletions.map((entry) => (
              <li key={entry.caseId}>
                <Link
                  to={`/cases/${entry.caseId}`}
                  className="font-medium text-brand-700 underline"
                >
                  {entry.employeeName ?? t("next.noName")}
                </Link>
                {": "}
                {t("next.line", {
                  closed: formatDay(i18n.language, entry.closedOn),
                  deleted: formatDay(i18n.language, entry.deletedOn),
                })}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
