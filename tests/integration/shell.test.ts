import { describe, expect, test } from "vitest";
import { loader as rootLoader } from "#app/root.tsx";
import { action as languageAction } from "#app/routes/language.ts";
import { loader as notFoundLoader } from "#app/routes/not-found.tsx";
import { get, post, routeArgs } from "#tests/helpers/route-args.ts";

async function rootData(headers: HeadersInit) {
  const result = (await rootLoader(routeArgs(get("/", headers)))) as unknown as {
    data: { language: string };
  };
  return result.data;
}

describe("language of the app shell", () => {
  test("a first visit follows Accept-Language", async () => {
    expect((await rootData({ "Accept-Language": "en-GB,en;q=0.9,nl;q=0.5" })).language).toBe("en");
    expect((await rootData({ "Accept-Language": "fr-BE" })).language).toBe("fr");
    expect((await rootData({ "Accept-Language": "de-DE" })).language).toBe("nl");
  });

  test("a chosen language, kept in a cookie, wins over the browser's", async () => {
    expect((await rootData({ "Accept-Language": "en", Cookie: "werkpad_lang=fr" })).language).toBe(
      "fr",
    );
  });

  test("choosing a language sets the cookie for a year and returns to the same page", async () => {
    const response = (await languageAction(
      routeArgs(post("/language", { language: "en", redirectTo: "/design?x=1" })),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/design?x=1");
    const cookies = response.headers.getSetCookie();
    expect(
      cookies.some((c) => c.startsWith("werkpad_lang=en;") && c.includes("Max-Age=31536000")),
    ).toBe(true);
    expect(cookies.some((c) => c.startsWith("werkpad_toast="))).toBe(true);
  });

  test("never redirects to another site", async () => {
    const response = (await languageAction(
      routeArgs(post("/language", { language: "nl", redirectTo: "//evil.example/" })),
    )) as Response;
    expect(response.headers.get("location")).toBe("/");
  });

  test("an unknown language is refused", async () => {
    await expect(
      languageAction(routeArgs(post("/language", { language: "de", redirectTo: "/" }))),
    ).rejects.toMatchObject({ init: { status: 400 } });
  });
});

describe("unknown addresses", () => {
  test("answer 404", () => {
    expect(notFoundLoader()).toMatchObject({ init: { status: 404 } });
  });
});
