import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import { mockServer } from "#tests/mocks/server.ts";

describe("the network edge in tests", () => {
  test("a request no handler expects fails instead of reaching the internet", async () => {
    await expect(fetch("https://api.example.com/unexpected")).rejects.toThrow();
  });

  test("a handler answers in place of the outside service", async () => {
    mockServer.use(
      http.get("https://api.example.com/ping", () => HttpResponse.json({ pong: true })),
    );
    const response = await fetch("https://api.example.com/ping");
    expect(await response.json()).toEqual({ pong: true });
  });
});
