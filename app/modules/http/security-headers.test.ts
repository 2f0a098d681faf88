import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers.ts";

describe("security headers", () => {
  test("scripts run only from our origin or with this response's nonce", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  test("every response says nosniff, a referrer policy and no framing", () => {
    const headers = securityHeaders({ nonce: "n", development: false, https: false });
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
    });
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
  });

  test("HSTS only when served over HTTPS", () => {
    const headers = securityHeaders({ nonce: "n", development: false, https: true });
    expect(headers["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });
});
