import { createCookie, redirect } from "react-router";
import { secureCookies } from "./cookies.ts";
import { type Toast, toastSchema } from "./toast.ts";

// A short-lived cookie carries the toast across the redirect after an action,
// so it also works without JavaScript.
const toastCookie = createCookie("werkpad_toast", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60,
  secure: secureCookies(),
});

/**
 * Redirects with a message for the next page. A fragment names what changed
 * ("/cases/1#item-7"): it travels in the toast as the element to focus, not
 * in the address, because a browser ignores `autofocus` on a page whose
 * address has a fragment, and without JavaScript autofocus is the only way to
 * move focus off <body> after a save.
 */
export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}) {
  const [address = url, fragment] = url.split("#", 2);
  const focus = fragment && /^[\w-]{1,100}$/.test(fragment) ? fragment : toast.focus;
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastCookie.serialize(focus ? { ...toast, focus } : toast));
  return redirect(address, { ...init, headers });
}

/** Reads the pending toast, if any, and the header that clears it once shown. */
export async function takeToast(
  request: Request,
): Promise<{ toast: Toast | null; headers: HeadersInit | undefined }> {
  const raw = await toastCookie.parse(request.headers.get("cookie"));
  if (raw === null || raw === undefined) return { toast: null, headers: undefined };
  const parsed = toastSchema.safeParse(raw);
  return {
    toast: parsed.success ? parsed.data : null,
    headers: { "Set-Cookie": await toastCookie.serialize("", { maxAge: 0 }) },
  };
}
