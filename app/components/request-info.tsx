import { createContext, useContext } from "react";

/**
 * The CSP nonce and the request id, for rendering. The server provides them
 * from the request; the browser takes the request id from the page's meta tag
 * (the nonce is not needed there: the scripts are already loaded).
 */
export type RenderInfo = { nonce: string; requestId: string };

export const RenderInfoContext = createContext<RenderInfo>({ nonce: "", requestId: "" });

export function useRenderInfo(): RenderInfo {
  return useContext(RenderInfoContext);
}

// After the first render in the browser the page's request id no longer
// describes what is on screen: an error from a later client-side navigation
// happened in another request.
let documentRendered = false;

/** Called once the page has hydrated; also marks <html data-hydrated> for browser tests to wait on. */
export function markDocumentRendered() {
  documentRendered = true;
  document.documentElement.dataset.hydrated = "";
}

/** The reference of the error on screen, when it is known (server rendering and hydration). */
export function useErrorReference(): string | undefined {
  const { requestId } = useRenderInfo();
  if (typeof document !== "undefined" && documentRendered) return undefined;
  return requestId || undefined;
}
