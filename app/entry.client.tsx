import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { RenderInfoContext } from "./components/request-info.tsx";
import { createI18n } from "./modules/i18n/i18n.ts";
import { defaultLanguage, isLanguage } from "./modules/i18n/languages.ts";
import { loadNamespace } from "./modules/i18n/resources.client.ts";
import { I18nProvider, namespacesElementId } from "./modules/i18n/use-translation.ts";

// The server rendered the page in one language and says which catalogues its
// texts came from; load just those before hydrating, so the first client
// render matches the HTML. Other pages load theirs when they open.
const pageLanguage = document.documentElement.lang;
const language = isLanguage(pageLanguage) ? pageLanguage : defaultLanguage;
const namespaces = (
  document.getElementById(namespacesElementId)?.dataset.namespaces || "common"
).split(",");
const catalogues = await Promise.all(namespaces.map((name) => loadNamespace(language, name)));
const i18n = createI18n(
  language,
  {
    [language]: Object.fromEntries(
      namespaces.map((name, index) => [name, catalogues[index] as Record<string, unknown>]),
    ),
  },
  { loadNamespace },
);
const requestId = document.querySelector<HTMLMetaElement>('meta[name="request-id"]')?.content ?? "";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RenderInfoContext.Provider value={{ nonce: "", requestId }}>
        <I18nProvider i18n={i18n}>
          <HydratedRouter />
        </I18nProvider>
      </RenderInfoContext.Provider>
    </StrictMode>,
  );
});
