import { createContext } from "react-router";

/** What the HTTP server knows about a request and hands to loaders, actions and rendering. */
export type RequestInfo = {
  /** Shown to people as the reference of an error and written with every log line about it. */
  requestId: string;
  /** The per-response CSP nonce that inline scripts must carry. */
  nonce: string;
  ip: string;
  userAgent: string;
};

export const requestInfoContext = createContext<RequestInfo>();
