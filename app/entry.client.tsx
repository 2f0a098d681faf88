import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { RenderInfoContext } from "./components/request-info.tsx";
import { createI18n } from "./modules/i18n/i18n.ts";
import { defaultLanguage, isLanguage } from "./modules/i18n/languages.ts";
import { loadResources } from "./modules/i18n/resources.client.ts";

// The server rendered the page in one language; load only that language's
// catalogues before hydrating, so the first client render matches the HTML.
const pageLanguage = document.documentElement.lang;
const language = isLanguage(pageLanguage) ? pageLanguage : defaultLanguage;
const i18n = createI18n(language, await loadResources(language));
const requestId = document.querySelector<HTMLMetaElement>('meta[name="request-id"]')?.content ?? "";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RenderInfoContext.Provider value={{ nonce: "", requestId }}>
        <I18nextProvider i18n={i18n}>
          <HydratedRouter />
        </I18nextProvider>
      </RenderInfoContext.Provider>
    </StrictMode>,
  );
});
