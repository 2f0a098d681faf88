import { describe, expect, test } from "vitest";
import { isRecoveryCode, isTotpCode, normaliseCode } from "./code-format.ts";
import {
  acceptedStep,
  codeForStep,
  generateRecoveryCodes,
  generateTotpKey,
  keyForTyping,
  keyUri,
  recoveryCodeCount,
  stepAt,
} from "./totp.ts";

// RFC 6238, appendix B: the SHA-1 key and two of its moments (6 of the 8 digits).
const rfcKey = new TextEncoder().encode("12345678901234567890");

describe("codes from an authenticator app", () => {
  test("are the RFC 6238 test vectors", () => {
    expect(codeForStep(rfcKey, stepAt(new Date(59_000)))).toBe("287082");
    expect(codeForStep(rfcKey, stepAt(new Date(1_111_111_109_000)))).toBe("081804");
  });

  const now = new Date(1_800_000_015_000);
  const step = stepAt(now);

  test("the current code, and one step before or after (a clock a little off), are accepted", () => {
    for (const offset of [-1, 0, 1])
      expect(acceptedStep(rfcKey, codeForStep(rfcKey, step + offset), now, null)).toBe(
        step + offset,
      );
  });

  test("older or newer codes are not", () => {
    for (const offset of [-3, -2, 2, 3])
      expect(acceptedStep(rfcKey, codeForStep(rfcKey, step + offset), now, null)).toBeNull();
  });

  test("a code works once: not again, nor any code of an earlier step", () => {
    const code = codeForStep(rfcKey, step);
    expect(acceptedStep(rfcKey, code, now, step)).toBeNull();
    expect(acceptedStep(rfcKey, codeForStep(rfcKey, step - 1), now, step)).toBeNull();
    expect(acceptedStep(rfcKey, codeForStep(rfcKey, step + 1), now, step)).toBe(step + 1);
  });

  test("another key's code, and anything not six digits, is refused", () => {
    const other = generateTotpKey();
    expect(acceptedStep(rfcKey, codeForStep(other, step), now, null)).toBeNull();
    for (const typed of ["", "12345", "1234567", "abcdef", "12 345"])
      expect(acceptedStep(rfcKey, typed, now, null)).toBeNull();
  });

  test("the key is shown for typing in groups of four, and the QR address names Werkpad", () => {
    expect(keyForTyping(rfcKey)).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
    expect(keyUri(rfcKey, "anna@example.com")).toBe(
      "otpauth://totp/Werkpad:anna%40example.com?issuer=Werkpad&algorithm=SHA1&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=30&digits=6",
    );
  });

  test("new keys are 160 random bits", () => {
    const [a, b] = [generateTotpKey(), generateTotpKey()];
    expect(a).toHaveLength(20);
    expect(a).not.toEqual(b);
  });
});

describe("recovery codes", () => {
  test("are ten different codes of 80 bits, in groups of four", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(recoveryCodeCount);
    expect(new Set(codes).size).toBe(recoveryCodeCount);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
      expect(isRecoveryCode(normaliseCode(code))).toBe(true);
      expect(isTotpCode(normaliseCode(code))).toBe(false);
    }
  });

  test("are read as typed: upper case, spaces or no dashes", () => {
    expect(normaliseCode(" ABCD efgh-IJKL mnop ")).toBe("abcdefghijklmnop");
    expect(isRecoveryCode(normaliseCode("ABCD EFGH IJKL MNOP"))).toBe(true);
    expect(isRecoveryCode(normaliseCode("abcd-efgh-ijkl-mno"))).toBe(false);
    expect(isRecoveryCode(normaliseCode("abcd-efgh-ijkl-mno1"))).toBe(false);
  });

  test("an app's code is read with its spaces left out", () => {
    expect(isTotpCode(normaliseCode("123 456"))).toBe(true);
    expect(isTotpCode(normaliseCode("123-456"))).toBe(true);
  });
});
