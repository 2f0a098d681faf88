import { data, redirect } from "react-router";
import { secureAttribute } from "#app/modules/http/cookies.ts";
import { safeRedirect } from "#app/modules/http/safe-redirect.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { isLanguage, languageCookieName } from "#app/modules/i18n/languages.ts";
import type { Route } from "./+types/language";

/** Keeps the chosen language in a cookie for a year, then returns to the page the person was on. */
export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const language = form.get("language");
  const redirectTo = safeRedirect(form.get("redirectTo"));
  if (!isLanguage(language)) throw data(null, { status: 400 });
  return redirectWithToast(
    redirectTo,
    { kind: "success", message: "language.changed" },
    {
      headers: {
        "Set-Cookie": `${languageCookieName}=${language}; Path=/; Max-Age=31536000; SameSite=Lax${secureAttribute()}`,
      },
    },
  );
}

export function loader() {
  return redirect("/");
}
