import { describe, expect, test } from "vitest";
import { openSecret, sealSecret } from "./secret-box.server.ts";

const key = new Uint8Array(32).fill(7);
const secret = new TextEncoder().encode("12345678901234567890");

describe("authenticator secrets at rest", () => {
  test("open again with the same key and owner, and differ each time they are sealed", () => {
    const sealed = sealSecret(secret, "user-1", key);
    expect(openSecret(sealed, "user-1", key)).toEqual(secret);
    expect(sealSecret(secret, "user-1", key)).not.toBe(sealed);
  });

  test("never hold the secret as it is, nor its base32 form", () => {
    const sealed = sealSecret(secret, "user-1", key);
    expect(sealed).not.toContain("12345678901234567890");
    expect(sealed).not.toContain("GEZDGNBV");
    expect(Buffer.from(sealed.split(".")[1] ?? "", "base64url").toString()).not.toContain(
      "1234567890",
    );
  });

  test("do not open with another key, for another account, or once changed", () => {
    const sealed = sealSecret(secret, "user-1", key);
    expect(() => openSecret(sealed, "user-1", new Uint8Array(32).fill(8))).toThrow();
    expect(() => openSecret(sealed, "user-2", key)).toThrow();
    const [iv, body = ""] = sealed.split(".");
    const bytes = Buffer.from(body, "base64url");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(() => openSecret(`${iv}.${bytes.toString("base64url")}`, "user-1", key)).toThrow();
    expect(() => openSecret("nonsense", "user-1", key)).toThrow();
  });
});
