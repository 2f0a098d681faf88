import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { DocumentLanguageField } from "#app/components/agreements/language-field.tsx";
import { AgreementStatusBadge } from "#app/components/agreements/status.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { agreementsOf, prepareAgreement } from "#app/modules/agreements/agreements.server.ts";
import { prepareSchema } from "#app/modules/agreements/forms.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { badRequest, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { planMatchesVersion } from "#app/modules/plans/plans.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases.$caseId.agreements";

type PrepareState = "ready" | "no-version" | "done" | "not-a-side" | "no-employee" | "plan-changed";

/**
 * A case's signed agreements: every agreement of every agreed version, where
 * each stands, and, when the latest agreed version has none yet, the button
 * that makes its document ready to sign.
 */
export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireCase(args, { recordView: true });
  const [agreements, latest] = await Promise.all([
    agreementsOf(tdb, record.id),
    tdb.planVersion.findFirst({
      where: { caseId: record.id },
      orderBy: { number: "desc" },
      select: { number: true, contentHash: true },
    }),
  ]);
  const mayPrepare = can(member.actor, "agreement.prepare", partiesOf(record));
  const latestHasAgreement = agreements.some(
    (agreement) =>
      agreement.versionNumber === latest?.number &&
      ["AWAITING_SIGNATURES", "SEALING", "SEALED"].includes(agreement.status),
  );
  // Why there is, or is not, a document to prepare now: the page says which.
  const prepare: { state: PrepareState; versionNumber: number | null } = {
    versionNumber: latest?.number ?? null,
    state: !latest
      ? "no-version"
      : latestHasAgreement
        ? "done"
        : !mayPrepare
          ? "not-a-side"
          : !record.employee
            ? "no-employee"
            : (await planMatchesVersion(tdb, record.id, latest.contentHash))
              ? "ready"
              : "plan-changed",
  };
  return {
    caseId: record.id,
    isEmployee: record.employeeId === member.actor.userId,
    agreements,
    prepare,
    defaultLanguage:
      (
        await tdb.user.findUnique({
          where: { id: record.employeeId ?? member.actor.userId },
          select: { language: true },
        })
      )?.language ?? "nl",
  };
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireCase(args);
  const formData = await args.request.formData();
  if (formData.get("intent") !== "prepare") badRequest();
  const submission = parseWithZod(formData, { schema: prepareSchema });
  if (submission.status !== "success") badRequest();
  const result = orRespond(
    await prepareAgreement(tdb, member.actor, record, submission.value, clientOf(args)),
  );
  const here = `/cases/${record.id}/agreements`;
  if (!result.ok) {
    if (result.reason === "already-prepared" && result.agreementId)
      return redirectWithToast(`${here}/${result.agreementId}`, {
        kind: "success",
        message: "agreements:refusals.already-prepared",
      });
    return redirectWithToast(here, {
      kind: "error",
      message: `agreements:refusals.${result.reason}`,
    });
  }
  return redirectWithToast(`${here}/${result.value.agreementId}`, {
    kind: "success",
    message: "agreements:prepared",
  });
}

export default function Agreements({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("agreements");
  const { caseId, agreements, prepare } = loaderData;
  const preparing = useSubmittingIntent("prepare");
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {t("backToPlan")}
        </Link>
      </p>
      <PageHeader title={t("list.title")} intro={<p>{t("list.intro")}</p>} />
      {prepare.state === "ready" ? (
        <Card title={t("prepare.title", { number: prepare.versionNumber })}>
          <p className="mb-4">{t("prepare.intro")}</p>
          <Form method="post" className="flex flex-col gap-4">
            <input type="hidden" name="versionNumber" value={prepare.versionNumber ?? ""} />
            <DocumentLanguageField
              id="agreement-language"
              name="language"
              label={t("prepare.language")}
              hint={t("prepare.languageHint")}
              defaultValue={loaderData.defaultLanguage}
            />
            <div>
              <Button
                type="submit"
                name="intent"
                value="prepare"
                pending={preparing}
                pendingLabel={t("prepare.pending")}
              >
                {t("prepare.button")}
              </Button>
            </div>
          </Form>
        </Card>
      ) : prepare.state !== "done" ? (
        <p className="text-lg text-muted">
          {t(`prepare.states.${prepare.state}`, { number: prepare.versionNumber ?? 0 })}
        </p>
      ) : null}
      {agreements.length === 0 ? null : (
        <ol className="flex flex-col gap-3">
          {agreements.map((agreement) => (
            <li key={agreement.id} className="item-card">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  <Link to={agreement.id} className="text-brand-800 underline">
                    {t("title", { number: agreement.versionNumber })}
                  </Link>
                </h2>
                <AgreementStatusBadge
                  status={agreement.status}
                  supersededBy={agreement.supersededBy}
                />
              </div>
              <p className="text-muted">
                {agreement.sealedAt
                  ? t("list.sealedOn", { date: formatMoment(i18n.language, agreement.sealedAt) })
                  : t("list.preparedOn", {
                      date: formatMoment(i18n.language, agreement.createdAt),
                    })}
              </p>
            </li>
          ))}
        </ol>
      )}
      {loaderData.isEmployee ? (
        <p>
          <Link to={`/cases/${caseId}/passport`} className="font-semibold text-brand-700 underline">
            {t("passport.link")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
