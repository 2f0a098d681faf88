import { describe, expect, test } from "vitest";
import {
  errorMessage,
  parseErrorMessage,
  requiredChoice,
  requiredEmail,
  requiredText,
} from "./validation.ts";

function firstError(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.error?.issues[0]?.message;
}

describe("validation messages are translation keys", () => {
  test("missing and blank text are both 'required'", () => {
    expect(firstError(requiredText().safeParse(undefined))).toBe("validation.required");
    expect(firstError(requiredText().safeParse("   "))).toBe("validation.required");
  });

  test("too long text carries its maximum", () => {
    const message = firstError(requiredText(5).safeParse("abcdef")) ?? "";
    expect(parseErrorMessage(message)).toEqual({ key: "validation.tooLong", values: { max: "5" } });
  });

  test("e-mail addresses are trimmed and lower-cased, or refused", () => {
    expect(requiredEmail().parse("  Anna@Example.NL ")).toBe("anna@example.nl");
    expect(firstError(requiredEmail().safeParse("anna@"))).toBe("validation.email");
    expect(firstError(requiredEmail().safeParse(undefined))).toBe("validation.required");
  });

  test("a choice outside the list is refused", () => {
    expect(firstError(requiredChoice(["a", "b"]).safeParse("c"))).toBe("validation.choose");
  });

  test("errorMessage and parseErrorMessage round-trip", () => {
    expect(parseErrorMessage(errorMessage("k", { max: 3, name: "a b" }))).toEqual({
      key: "k",
      values: { max: "3", name: "a b" },
    });
    expect(parseErrorMessage("plain.key")).toEqual({ key: "plain.key", values: {} });
  });
});
