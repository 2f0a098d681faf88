import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useRef } from "react";
import { Form, useNavigation, useRevalidator } from "react-router";
import { SecondFactorField } from "#app/components/two-factor/second-factor-field.tsx";
import { Button, buttonClasses } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { useFocusTarget } from "#app/components/ui/focus-target.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { exportIntent, exportRequestSchema } from "#app/modules/privacy/forms.ts";

export type DataExportView = {
  id: string;
  status: "PREPARING" | "READY" | "FAILED";
  requestedAt: Date;
  expiresAt: Date | null;
  size: number | null;
} | null;

const dayMs = 86_400_000;

/**
 * "Download all my data" on the account page: the request, then "we are
 * preparing it", then the download until it expires (app/modules/privacy/).
 */
export function DataExportCard({
  latest,
  lastResult,
}: {
  latest: DataExportView;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t, i18n } = useTranslation("privacy");
  const navigation = useNavigation();
  const focus = useFocusTarget("data-export");
  const [form, fields] = useForm({
    id: "data-export",
    lastResult: navigation.state === "idle" ? lastResult : null,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: exportRequestSchema }),
  });
  const pending = navigation.formData?.get("intent") === exportIntent;
  usePollWhilePreparing(latest?.status === "PREPARING");
  const size = (bytes: number) =>
    bytes >= 1_000_000
      ? t("card.megabytes", { count: Math.round(bytes / 100_000) / 10 })
      : t("card.kilobytes", { count: Math.max(1, Math.round(bytes / 1000)) });
  const request = (label: string, variant: "primary" | "secondary") => (
    <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-3">
      <FormError errors={form.errors} id={form.errorId} />
      <SecondFactorField id={fields.secondFactorCode.id} errors={fields.secondFactorCode.errors} />
      <div>
        <Button
          type="submit"
          name="intent"
          value={exportIntent}
          variant={variant}
          pending={pending}
        >
          {label}
        </Button>
      </div>
    </Form>
  );
  return (
    <Card title={t("card.heading")}>
      <div
        {...focus}
        className="flex flex-col gap-4 outline-none"
        data-export-state={latest?.status ?? "NONE"}
      >
        <p className="text-muted">{t("card.intro")}</p>
        {latest?.status === "PREPARING" ? (
          <p role="status" className="rounded-lg bg-info-50 p-4 text-info-700">
            {t("card.preparing")}{" "}
            {t("card.askedAt", { date: formatDay(i18n.language, latest.requestedAt) })}
          </p>
        ) : latest?.status === "READY" && latest.expiresAt ? (
          <>
            <div className="rounded-lg bg-success-50 p-4 text-success-700">
              <p>{t("card.ready", { size: size(latest.size ?? 0) })}</p>
              <p className="mt-1">
                {t("card.until", {
                  date: formatDay(i18n.language, new Date(latest.expiresAt.getTime() - dayMs)),
                })}
              </p>
            </div>
            <p>
              <a
                href={`/account/export/${latest.id}`}
                download
                className={buttonClasses("primary")}
              >
                {t("card.download")}
              </a>
            </p>
            <p className="text-muted">{t("card.againHint")}</p>
            {request(t("card.again"), "secondary")}
          </>
        ) : (
          <>
            {latest?.status === "FAILED" ? (
              <p role="alert" className="rounded-lg bg-danger-50 p-4 text-danger-700">
                {t("card.failed")}
              </p>
            ) : null}
            {request(t("card.request"), "primary")}
          </>
        )}
      </div>
    </Card>
  );
}

/**
 * While the copy is being prepared, the page looks again every few seconds,
 * so it turns into the download by itself (the e-mail says so too). Without
 * JavaScript a reload does the same.
 */
function usePollWhilePreparing(preparing: boolean) {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  useEffect(() => {
    if (!preparing) return;
    const timer = setInterval(() => {
      if (latest.current.state === "idle") void latest.current.revalidate();
    }, 3000);
    return () => clearInterval(timer);
  }, [preparing]);
}
