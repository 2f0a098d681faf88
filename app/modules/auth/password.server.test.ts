import { describe, expect, test } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./password.server.ts";

describe("passwords", () => {
  test("are hashed with argon2id and verified", async () => {
    const stored = await hashPassword("a calm walk by the river");
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored, "a calm walk by the river")).toBe(true);
    expect(await verifyPassword(stored, "a calm walk by the rivers")).toBe(false);
  });

  test("a missing hash never verifies", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
  });

  test.each([
    ["short", "tooShort"],
    ["x".repeat(129), "tooLong"],
    ["password1234", "common"],
    ["iloveyou2024!", "common"],
    ["Qwertyuiop123", "common"],
    ["tulips in the rain on tuesday", undefined],
  ])("%j → %s", (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});
