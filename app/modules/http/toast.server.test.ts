import { describe, expect, test } from "vitest";
import { redirectWithToast, takeToast } from "./toast.server.ts";

/** The toast the next page reads, from a redirect's cookie. */
async function toastAfter(response: Response) {
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return (await takeToast(new Request("http://localhost/", { headers: { cookie } }))).toast;
}

describe("redirectWithToast", () => {
  test("a fragment names what to focus and leaves the address, where it would stop autofocus", async () => {
    const response = await redirectWithToast("/cases/c1#item-7", {
      kind: "success",
      message: "plans:proposed",
    });
    expect(response.headers.get("location")).toBe("/cases/c1");
    expect(await toastAfter(response)).toEqual({
      kind: "success",
      message: "plans:proposed",
      focus: "item-7",
    });
  });

  test("without a fragment the message itself will take focus", async () => {
    const response = await redirectWithToast("/members", { kind: "success", message: "x" });
    expect(response.headers.get("location")).toBe("/members");
    expect(await toastAfter(response)).toEqual({ kind: "success", message: "x" });
  });

  test("a fragment that is no element id is dropped, not trusted", async () => {
    const response = await redirectWithToast('/cases/c1#"><script>', {
      kind: "error",
      message: "x",
    });
    expect(response.headers.get("location")).toBe("/cases/c1");
    expect(await toastAfter(response)).toEqual({ kind: "error", message: "x" });
  });
});
