import { Form, Link, redirect, useNavigation } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { KeptList, RemovedList } from "#app/components/privacy/kept-list.tsx";
import { SecondFactorField } from "#app/components/two-factor/second-factor-field.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { Notice } from "#app/components/ui/form-error.tsx";
import { clientOf, requireUser } from "#app/modules/auth/request.server.ts";
import { blankSessionCookie } from "#app/modules/auth/session.server.ts";
import { confirmSecondFactor, secondFactorMessage } from "#app/modules/auth/two-factor.server.ts";
import { badRequest } from "#app/modules/http/errors.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { eraseAccount, erasurePreview } from "#app/modules/privacy/erasure.server.ts";
import { erasureReceiptCookie } from "#app/modules/privacy/receipt-cookie.server.ts";
import type { Route } from "./+types/account.erase";

/** Erasing one's own account: what goes at once, what the organisation keeps and until when. */
export async function loader(args: Route.LoaderArgs) {
  const { user } = requireUser(args);
  return erasurePreview(user.id);
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireUser(args);
  const form = await args.request.formData();
  if (form.get("intent") !== "erase-account") badRequest();
  // The box's own value, not the browser's default "on": a stray request cannot erase an account.
  if (form.get("understood") !== "understood") {
    return { error: "privacy:erase.confirmFirst" } as const;
  }
  // Nothing can be undone after this: with two-factor sign-in on, a current code first.
  const confirmed = await confirmSecondFactor(user, form, clientOf(args));
  if (!confirmed.ok) return { secondFactorError: secondFactorMessage(confirmed) };
  const result = await eraseAccount(user.id);
  // The page already says so and offers no button; a second tab may still ask.
  if (!result.ok) return { error: "privacy:erase.soleOwnerRefused" } as const;
  const headers = new Headers();
  headers.append("Set-Cookie", blankSessionCookie());
  headers.append("Set-Cookie", await erasureReceiptCookie.serialize(result.value.receipt));
  return redirect("/account/erased", { headers });
}

export default function EraseAccount({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("privacy");
  const navigation = useNavigation();
  const { soleOwnerOf, kept } = loaderData;
  const error = actionData && "error" in actionData ? actionData.error : undefined;
  const secondFactorError =
    actionData && "secondFactorError" in actionData ? actionData.secondFactorError : undefined;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <title>{`${t("erase.title")} · Werkpad`}</title>
      <PageHeader title={t("erase.title")} intro={t("erase.intro")} />
      <Card title={t("erase.removedHeading")}>
        <RemovedList />
        <p className="mt-3">
          <Link to="/account" className="font-medium text-brand-700 underline">
            {t("erase.exportFirst")}
          </Link>
        </p>
      </Card>
      <Card title={t("erase.keptHeading")}>
        <p className="mb-3 text-muted">{t("erase.keptWhy")}</p>
        <KeptList kept={kept} />
      </Card>
      <Card title={t("erase.confirmHeading")}>
        {soleOwnerOf.length > 0 ? (
          <Notice>{t("erase.soleOwner", { organizations: soleOwnerOf.join(", ") })}</Notice>
        ) : (
          <Form method="post" className="flex flex-col gap-4" noValidate>
            <div className="flex flex-col gap-1">
              <label className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  name="understood"
                  value="understood"
                  // Refused only for its code: the box stays ticked.
                  defaultChecked={secondFactorError !== undefined}
                  className="size-4 accent-brand-600"
                  aria-invalid={error === "privacy:erase.confirmFirst" ? true : undefined}
                  aria-describedby={error ? "erase-error" : undefined}
                />
                <span>{t("erase.understood")}</span>
              </label>
              {error ? (
                <p id="erase-error" role="alert" className="text-sm font-medium text-danger-700">
                  {t(error.replace("privacy:", "") as "erase.confirmFirst")}
                </p>
              ) : null}
            </div>
            <SecondFactorField errors={secondFactorError ? [secondFactorError] : undefined} />
            <div>
              <Button
                type="submit"
                name="intent"
                value="erase-account"
                variant="danger"
                pending={navigation.state === "submitting"}
                pendingLabel={t("erase.pending")}
              >
                {t("erase.button")}
              </Button>
            </div>
          </Form>
        )}
      </Card>
    </div>
  );
}
