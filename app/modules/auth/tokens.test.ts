import { describe, expect, test } from "vitest";
import { generateCode, generateToken, hashCode, hashToken } from "./tokens.ts";

describe("tokens", () => {
  test("are long, URL-safe and different every time", () => {
    const tokens = new Set(Array.from({ length: 100 }, generateToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
  });

  test("are stored only as a SHA-256 hash", () => {
    expect(hashToken("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  test("codes are six digits, leading zeros kept, spread over the whole range", () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    const firstDigits = new Set(codes.map((code) => code[0]));
    expect(firstDigits.size).toBe(10);
  });

  test("a code's hash depends on its token and ignores spaces people type", () => {
    expect(hashCode("t1", "123 456")).toBe(hashCode("t1", "123456"));
    expect(hashCode("t1", "123456")).not.toBe(hashCode("t2", "123456"));
  });
});
