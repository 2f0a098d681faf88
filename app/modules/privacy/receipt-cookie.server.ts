import { createCookie } from "react-router";
import { secureCookies } from "#app/modules/http/cookies.ts";
import { receiptLifetimeMs } from "./erasure.server.ts";

/**
 * After erasing their account a person is signed out; this cookie lets the
 * same browser, and only it, read what was removed and what is kept for an
 * hour (it holds a random token whose hash the request stores).
 */
export const erasureReceiptCookie = createCookie("werkpad_erasure", {
  httpOnly: true,
  sameSite: "lax",
  // Not "/account/erased": the browser would not send it with "/account/erased.data".
  path: "/account",
  maxAge: receiptLifetimeMs / 1000,
  secure: secureCookies(),
});
