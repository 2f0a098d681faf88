import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext, HandleErrorFunction, RouterContextProvider } from "react-router";
import { ServerRouter } from "react-router";
import { RenderInfoContext } from "./components/request-info.tsx";
import { lazyPartsLoaded } from "./components/ui/lazy-part.ts";
import { requestInfoContext } from "./modules/http/request-context.ts";
import { requestTimingContext } from "./modules/http/server-timing.server.ts";
import { languageOfRequest } from "./modules/i18n/languages.ts";
import { serverI18n } from "./modules/i18n/resources.server.ts";
import { I18nProvider } from "./modules/i18n/use-translation.ts";
import { log } from "./modules/log.server.ts";

export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const { nonce, requestId } = loadContext.get(requestInfoContext);
  await lazyPartsLoaded();
  // The same function decides the language in the root loader, so both agree.
  const i18n = serverI18n(languageOfRequest(request), new Set(["common"]));
  const timing = loadContext.get(requestTimingContext);
  const renderStarted = performance.now();

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(
      () => abort(),
      streamTimeout + 1000,
    );

    const { pipe, abort } = renderToPipeableStream(
      <RenderInfoContext.Provider value={{ nonce, requestId }}>
        <I18nProvider i18n={i18n}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </I18nProvider>
      </RenderInfoContext.Provider>,
      {
        nonce,
        // The whole page at once, sent in one piece: loaders have already read
        // everything, so streaming would gain nothing, and a form whose code
        // loads on demand must be in the HTML itself for people without
        // JavaScript. One write instead of hundreds of small ones also costs
        // the server less (issue 9).
        onAllReady() {
          shellRendered = true;
          if (timing) timing.renderMs = performance.now() - renderStarted;
          const chunks: Buffer[] = [];
          const body = new PassThrough();
          body.on("data", (chunk: Buffer) => chunks.push(chunk));
          body.on("end", () => {
            clearTimeout(timeoutId);
            timeoutId = undefined;
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            resolve(
              new Response(Buffer.concat(chunks), {
                headers: responseHeaders,
                status: responseStatusCode,
              }),
            );
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready reject and are logged by handleError.
          if (shellRendered) log.error("render failed", { requestId, error });
        },
      },
    );
  });
}

/** Every unexpected server error is logged once, with the reference people see on the error page. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  log.error("unexpected error", {
    requestId: requestIdOf(context),
    method: request.method,
    path: new URL(request.url).pathname,
    error,
  });
};

function requestIdOf(context: unknown): string | undefined {
  // The context is missing when React Router fails before creating it.
  if (!context || typeof (context as RouterContextProvider).get !== "function") return undefined;
  try {
    return (context as RouterContextProvider).get(requestInfoContext).requestId;
  } catch {
    return undefined;
  }
}
