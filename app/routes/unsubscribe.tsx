import { data, Form, useNavigation } from "react-router";
import { AuthLayout, PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Notice } from "#app/components/ui/form-error.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { personOfStopLink, stopByLink } from "#app/modules/reminders/reminders.server.ts";
import type { Route } from "./+types/unsubscribe";

/**
 * The link in every reminder e-mail: stops that person's reminders without
 * signing in. A visit only asks (mail scanners follow links); the button
 * stops them. An unknown link says so, and changes nothing.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const person = await personOfStopLink(token);
  if (!person) throw data(null, { status: 404 });
  return { token, name: person.user.name, stopped: person.rhythm === "NONE" };
}

export async function action({ request }: Route.ActionArgs) {
  const token = String((await request.formData()).get("token") ?? "");
  if (!(await stopByLink(token))) throw data(null, { status: 404 });
  return { stopped: true };
}

export function headers() {
  return {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
  };
}

export default function StopReminders({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const stopped = actionData?.stopped || loaderData.stopped;
  return (
    <AuthLayout>
      <title>{`${t("reminders.stopTitle")} · Werkpad`}</title>
      <PageHeader title={t("reminders.stopTitle")} />
      {stopped ? (
        <Notice>{t("reminders.stopped", { name: loaderData.name })}</Notice>
      ) : (
        <Form method="post" className="flex flex-col gap-4">
          <p>{t("reminders.stopAsk", { name: loaderData.name })}</p>
          <input type="hidden" name="token" value={loaderData.token} />
          <div>
            <Button
              type="submit"
              pending={navigation.state !== "idle"}
              pendingLabel={t("reminders.pending")}
            >
              {t("reminders.stopButton")}
            </Button>
          </div>
        </Form>
      )}
    </AuthLayout>
  );
}
