import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { ItemFields } from "#app/components/plan/item-fields.tsx";
import { ItemDetails, itemTitle, useDate } from "#app/components/plan/item-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { catalogueIn } from "#app/modules/catalog/view.ts";
import { badRequest, forbidden, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { itemRefSchema } from "#app/modules/plans/answers.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { catalogueProblems } from "#app/modules/plans/catalogue-check.server.ts";
import { editSchema } from "#app/modules/plans/content.ts";
import { answerItem, findItem } from "#app/modules/plans/plans.server.ts";
import type { Route } from "./+types/cases.$caseId.items.$itemId";

/**
 * Changing an item: the change becomes a counter-proposal. A page of its own
 * so it works without JavaScript; if someone else changed the item meanwhile,
 * the page shows the item as it is now next to the reader's kept text.
 */
export async function loader(args: Route.LoaderArgs) {
  const { tdb, record, side } = await requireCase(args);
  const item = await findItem(tdb, record.id, args.params.itemId);
  if (!item) notFound();
  if (!side) forbidden();
  const catalogue = catalogueIn(await loadCatalogue(), languageOfRequest(args.request));
  return { caseId: record.id, item, catalogue };
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record, side } = await requireCase(args);
  const item = await findItem(tdb, record.id, args.params.itemId);
  if (!item) notFound();
  if (!side) forbidden();
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: editSchema(item.kind, item.content) });
  if (submission.status !== "success") return { reply: submission.reply(), current: null };
  const problems = await catalogueProblems(item.kind, submission.value);
  if (problems) return { reply: submission.reply({ fieldErrors: problems }), current: null };
  const ref = itemRefSchema
    .pick({ lockVersion: true })
    .safeParse({ lockVersion: formData.get("lockVersion") });
  if (!ref.success) badRequest();
  const result = orRespond(
    await answerItem(
      tdb,
      member.actor,
      record,
      item.id,
      ref.data.lockVersion,
      { type: "edit", content: submission.value },
      clientOf(args),
    ),
  );
  if (!result.ok && result.reason === "conflict") {
    // Nothing was written; the reader's text comes back as it was typed.
    return { reply: submission.reply(), current: result.current };
  }
  if (!result.ok) {
    return {
      reply: submission.reply({ formErrors: [`plans:refusals.${result.reason}`] }),
      current: null,
    };
  }
  return redirectWithToast(`/cases/${record.id}#item-${item.id}`, {
    kind: "success",
    message: "plans:actions.changed",
  });
}

export default function EditItem({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("plans");
  const formatDate = useDate();
  const submitting = useIsSubmitting();
  const { item, catalogue, caseId } = loaderData;
  const conflict = actionData?.current ?? null;
  const [form, fields] = useForm({
    lastResult: actionData?.reply,
    defaultValue: item.content,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: editSchema(item.kind, item.content) }),
  });
  const title = itemTitle(t, item.kind, item.content, catalogue, formatDate);
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {t("edit.cancel")}
        </Link>
      </p>
      <PageHeader title={t("edit.title", { item: title })} intro={t("edit.intro")} />
      {conflict ? (
        <div
          role="alert"
          className="flex flex-col gap-3 rounded-xl border border-danger-600/40 bg-danger-50 p-4"
        >
          <h2 className="text-lg font-semibold text-danger-700">{t("conflict.heading")}</h2>
          <p>{t("conflict.intro")}</p>
          <Card title={t("conflict.current")} headingLevel={3}>
            <p className="font-semibold">
              {itemTitle(t, conflict.kind, conflict.content, catalogue, formatDate)}
            </p>
            <ItemDetails kind={conflict.kind} content={conflict.content} catalogue={catalogue} />
          </Card>
          <p className="font-semibold">{t("conflict.yours")} ↓</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
        {/* After a conflict the next save starts from the item as it is now. */}
        <input type="hidden" name="lockVersion" value={conflict?.lockVersion ?? item.lockVersion} />
        <FormError errors={form.errors} id={form.errorId} />
        <ItemFields kind={item.kind} fields={fields as never} catalogue={catalogue} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={submitting}>
            {t("edit.save")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
