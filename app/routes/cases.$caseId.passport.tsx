import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { DocumentLanguageField } from "#app/components/agreements/language-field.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { itemTitle, useDate } from "#app/components/plan/item-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { CheckboxGroup, TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { passportSchema, passportTextLimit } from "#app/modules/agreements/forms.ts";
import {
  makePassport,
  passportChoices,
  passportsOf,
} from "#app/modules/agreements/passport.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { catalogueIn } from "#app/modules/catalog/view.ts";
import { badRequest, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases.$caseId.passport";

/**
 * The employee's adjustment passport: they choose what goes in, from their
 * latest agreed plan and in their own words, and get a sealed PDF to take to
 * a new manager or employer. The employee's alone: 404 for anyone else.
 */
async function requireEmployee(args: Route.LoaderArgs | Route.ActionArgs) {
  const access = await requireCase(args);
  if (!can(access.member.actor, "passport.use", partiesOf(access.record))) notFound();
  return access;
}

export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireEmployee(args);
  const language = languageOfRequest(args.request);
  const [choices, passports, catalogue, me] = await Promise.all([
    passportChoices(tdb, record.id),
    passportsOf(tdb, member.actor, record),
    loadCatalogue(),
    tdb.user.findUniqueOrThrow({ where: { id: member.actor.userId }, select: { language: true } }),
  ]);
  return {
    caseId: record.id,
    choices,
    passports: passports ?? [],
    catalogue: catalogueIn(catalogue, language),
    defaultLanguage: me.language,
  };
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireEmployee(args);
  const formData = await args.request.formData();
  if (formData.get("intent") !== "make") badRequest();
  const submission = parseWithZod(formData, { schema: passportSchema });
  if (submission.status !== "success") return submission.reply();
  const result = orRespond(
    await makePassport(tdb, member.actor, record, submission.value, clientOf(args)),
  );
  const here = `/cases/${record.id}/passport`;
  if (!result.ok) {
    // An item that is no longer in the latest agreed version: choose again from what is.
    return submission.reply({ formErrors: [`agreements:passport.refusals.${result.reason}`] });
  }
  return redirectWithToast(`${here}#passports`, {
    kind: "success",
    message: "agreements:passport.made",
  });
}

export default function Passport({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("agreements");
  const { t: tp } = useTranslation("plans");
  const formatDate = useDate();
  const { caseId, choices, passports, catalogue } = loaderData;
  const making = useSubmittingIntent("make");
  const [form, fields] = useForm({
    id: "passport",
    lastResult: actionData,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passportSchema }),
  });
  const option = (item: NonNullable<typeof choices>["items"][number]) => ({
    value: item.id,
    label: itemTitle(tp, item.kind, item.content, catalogue, formatDate),
  });
  const adjustments = choices?.items.filter((item) => item.kind === "ADJUSTMENT") ?? [];
  const capacities = choices?.items.filter((item) => item.kind === "CAPACITY") ?? [];
  const chosen =
    fields.items.initialValue === undefined
      ? adjustments.map((item) => item.id)
      : ([] as string[]).concat((fields.items.initialValue as string[] | string) ?? []);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {t("backToPlan")}
        </Link>
      </p>
      <PageHeader title={t("passport.title")} intro={<p>{t("passport.intro")}</p>} />
      {choices ? (
        <Card title={t("passport.makeHeading")}>
          <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
            <FormError errors={form.errors} id={form.errorId} />
            {adjustments.length > 0 ? (
              <CheckboxGroup
                name="items"
                legend={t("passport.adjustments")}
                hint={t("passport.adjustmentsHint")}
                options={adjustments.map(option)}
                defaultValue={chosen}
                errors={fields.items.errors}
                columns={1}
              />
            ) : null}
            {capacities.length > 0 ? (
              <CheckboxGroup
                name="items"
                legend={t("passport.capacities")}
                hint={t("passport.capacitiesHint")}
                options={capacities.map(option)}
                defaultValue={chosen}
                columns={1}
              />
            ) : null}
            <TextAreaField
              {...fieldProps(fields.helps)}
              label={t("passport.helps")}
              hint={t("passport.ownWordsHint")}
              limit={passportTextLimit}
              rows={3}
            />
            <TextAreaField
              {...fieldProps(fields.hard)}
              label={t("passport.hard")}
              limit={passportTextLimit}
              rows={3}
            />
            <DocumentLanguageField
              {...fieldProps(fields.language)}
              defaultValue={
                typeof fields.language.initialValue === "string"
                  ? fields.language.initialValue
                  : loaderData.defaultLanguage
              }
              label={t("passport.language")}
            />
            <p className="text-muted">{t("passport.privacy")}</p>
            <div>
              <Button
                type="submit"
                name="intent"
                value="make"
                pending={making}
                pendingLabel={t("passport.pending")}
              >
                {t("passport.button")}
              </Button>
            </div>
          </Form>
        </Card>
      ) : (
        <p className="text-lg text-muted">{t("passport.noPlan")}</p>
      )}
      <section id="passports" aria-labelledby="passports-heading" className="flex flex-col gap-3">
        <h2 id="passports-heading" className="text-xl font-semibold">
          {t("passport.madeHeading")}
        </h2>
        {passports.length === 0 ? <p className="text-muted">{t("passport.noneYet")}</p> : null}
        <ul className="flex flex-col gap-2">
          {passports.map((passport) => (
            <li
              key={passport.id}
              className="item-card flex flex-wrap items-center justify-between gap-3"
            >
              <span>
                {t("passport.madeOn", { date: formatMoment(i18n.language, passport.createdAt) })}{" "}
                <span className="text-muted">
                  {t("passport.contents", {
                    adjustments: passport.adjustments,
                    capacities: passport.capacities,
                  })}
                </span>
              </span>
              <a
                href={`/cases/${caseId}/passport/${passport.id}/pdf?download=1`}
                className="btn btn-secondary"
                download
              >
                {t("passport.download")}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
