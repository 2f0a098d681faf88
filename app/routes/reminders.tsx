import { Form, useNavigation } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { requireUser } from "#app/modules/auth/request.server.ts";
import { badRequest } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  preferenceOf,
  type ReminderRhythm,
  setRhythm,
} from "#app/modules/reminders/reminders.server.ts";
import type { Route } from "./+types/reminders";

/** Each person's own choice of reminder e-mails: every day, on Mondays, only deadlines, or none. */
const rhythms = [
  "DAILY",
  "WEEKLY",
  "DEADLINES_ONLY",
  "NONE",
] as const satisfies readonly ReminderRhythm[];

export async function loader(args: Route.LoaderArgs) {
  const { user } = requireUser(args);
  return { rhythm: (await preferenceOf(user.id)).rhythm };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireUser(args);
  const form = await args.request.formData();
  const rhythm = form.get("rhythm");
  if (form.get("intent") !== "save-reminders" || !rhythms.includes(rhythm as ReminderRhythm))
    badRequest();
  await setRhythm(user.id, rhythm as ReminderRhythm);
  return redirectWithToast("/reminders", { kind: "success", message: "auth:reminders.saved" });
}

export default function Reminders({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <title>{`${t("reminders.title")} · Werkpad`}</title>
      <PageHeader title={t("reminders.title")} intro={t("reminders.intro")} />
      <Card>
        <Form method="post" className="flex flex-col gap-4">
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 font-semibold">{t("reminders.howOften")}</legend>
            {rhythms.map((rhythm) => (
              <label key={rhythm} className="flex min-h-11 items-center gap-3">
                <input
                  type="radio"
                  name="rhythm"
                  value={rhythm}
                  defaultChecked={loaderData.rhythm === rhythm}
                  className="size-5"
                />
                {t(`reminders.rhythms.${rhythm}`)}
              </label>
            ))}
          </fieldset>
          <div>
            <Button
              type="submit"
              name="intent"
              value="save-reminders"
              pending={navigation.state !== "idle"}
              pendingLabel={t("reminders.pending")}
            >
              {t("reminders.save")}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
