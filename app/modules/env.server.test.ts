import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  billingThrough,
  EnvError,
  parseEnv,
  sealingCertificateInUse,
  signingP12Bytes,
} from "./env.server.ts";
import { selfSignedCertificate } from "./pdf/seal.ts";

describe("parseEnv", () => {
  test("an empty environment starts on the embedded database on port 3000", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      DATABASE_URL: "pglite:./data/pglite",
      APP_URL: "http://localhost:3000",
    });
  });

  test("reads a PostgreSQL server and a port", () => {
    const env = parseEnv({ DATABASE_URL: "postgres://u@db:5432/werkpad", PORT: "8080" });
    expect(env.DATABASE_URL).toBe("postgres://u@db:5432/werkpad");
    expect(env.APP_URL).toBe("http://localhost:8080");
  });

  test("names every bad variable and what it got", () => {
    let message = "";
    try {
      parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    expect(message).toContain("DATABASE_URL: must start with pglite:");
    expect(message).toContain('(got "mysql://x")');
    expect(message).toContain("PORT:");
    expect(message).toContain('(got "eighty")');
  });

  test("no proxy is trusted unless TRUST_PROXY says which", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ NODE_ENV: "production" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "10.0.0.1, 10.1.0.0/16,loopback" }).TRUST_PROXY).toEqual([
      "10.0.0.1",
      "10.1.0.0/16",
      "loopback",
    ]);
    expect(parseEnv({ TRUST_PROXY: "::1,fd00::/8" }).TRUST_PROXY).toEqual(["::1", "fd00::/8"]);
  });

  test("WEB_CONCURRENCY is one process unless it names more", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: "4" }).WEB_CONCURRENCY).toBe(4);
  });

  test.each(["0", "-1", "2.5", "two", ""])(
    "WEB_CONCURRENCY=%j is refused with a message",
    (value) => {
      expect(() => parseEnv({ WEB_CONCURRENCY: value })).toThrow(
        `WEB_CONCURRENCY: must be a whole number of server processes, 1 or more (got ${JSON.stringify(value)})`,
      );
    },
  );

  test.each(["true", "yes", "10.0.0.0/33", "10.0.0", "example.com"])(
    "TRUST_PROXY=%s is refused with a message",
    (value) => {
      expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: give the number/);
    },
  );
});

describe("the development outbox never runs on a real deployment", () => {
  const production = {
    NODE_ENV: "production",
    APP_URL: "https://werkpad.example",
    STRIPE_SECRET_KEY: "sk_live_werkpad",
    STRIPE_WEBHOOK_SECRET: "whsec_werkpad",
    TWO_FACTOR_KEY: Buffer.alloc(32, 1).toString("base64"),
  };

  test("an https APP_URL with DEV_OUTBOX stops the start", () => {
    expect(() => parseEnv({ ...production, DEV_OUTBOX: "1" })).toThrow(EnvError);
    expect(() => parseEnv({ ...production, DEV_OUTBOX: "1" })).toThrow(
      /DEV_OUTBOX: \/dev\/outbox shows live sign-in and reset links to anyone/,
    );
  });

  test("so does an https APP_URL outside production, where the outbox is always on", () => {
    expect(() => parseEnv({ NODE_ENV: "development", APP_URL: "https://werkpad.example" })).toThrow(
      /must be off when APP_URL is https/,
    );
  });

  test("so does the browser tests' deliberate fault", () => {
    expect(() => parseEnv({ ...production, DEV_FAULT: "1" })).toThrow(
      /DEV_FAULT: is for the browser tests only/,
    );
    expect(parseEnv({ NODE_ENV: "production", DEV_FAULT: "1" }).DEV_FAULT).toBe(true);
  });

  test("a real deployment (https, production, no outbox) and the local demo (http, DEV_OUTBOX) start", () => {
    expect(parseEnv(production).DEV_OUTBOX).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", DEV_OUTBOX: "1" }).DEV_OUTBOX).toBe(true);
  });
});

describe("Stripe", () => {
  test("an https APP_URL without a Stripe key stops the start: the simulator would let anyone pay", () => {
    expect(() => parseEnv({ NODE_ENV: "production", APP_URL: "https://werkpad.example" })).toThrow(
      /STRIPE_SECRET_KEY: must be set when APP_URL is https/,
    );
  });

  test("the key and the webhook secret come together, and each looks like Stripe's", () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "sk_test_x" })).toThrow(
      /STRIPE_WEBHOOK_SECRET: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set together/,
    );
    expect(() => parseEnv({ STRIPE_WEBHOOK_SECRET: "whsec_x" })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() =>
      parseEnv({ STRIPE_SECRET_KEY: "pk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }),
    ).toThrow(/must be a Stripe secret or restricted key/);
    const env = parseEnv({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" });
    expect(env.STRIPE_AUTOMATIC_TAX).toBe(false);
  });

  test("without a key, on http, the simulator stands in (the demo and the tests), and the start says which", () => {
    expect(billingThrough(parseEnv({}))).toMatch(/development simulator/);
    const test = { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };
    expect(billingThrough(parseEnv(test))).toBe("Stripe (test mode)");
  });
});

describe("the certificate that seals PDFs", () => {
  const { p12, password } = selfSignedCertificate({
    commonName: "Test seal",
    organization: "Test",
  });
  const base64 = Buffer.from(p12).toString("base64");

  test("without SIGNING_P12 a self-signed development certificate is used, and the start says so", () => {
    const env = parseEnv({});
    expect(env.SIGNING_P12).toBeUndefined();
    expect(sealingCertificateInUse(env)).toMatch(/self-signed development certificate/);
  });

  test("a PKCS#12 in base64, or a file's path, with its password, is used, and the start says so", () => {
    const file = join(mkdtempSync(join(tmpdir(), "werkpad-p12-")), "seal.p12");
    writeFileSync(file, p12);
    for (const value of [base64, file]) {
      const env = parseEnv({ SIGNING_P12: value, SIGNING_P12_PASSWORD: password });
      expect(signingP12Bytes(env.SIGNING_P12 ?? "")).toEqual(new Uint8Array(p12));
      expect(sealingCertificateInUse(env)).toBe("the certificate in SIGNING_P12");
    }
  });

  test("a wrong password, a file that is not PKCS#12, or a password alone stops the start with a reason", () => {
    expect(() => parseEnv({ SIGNING_P12: base64, SIGNING_P12_PASSWORD: "wrong" })).toThrow(
      /SIGNING_P12: is not a PKCS#12 file .* that SIGNING_P12_PASSWORD opens/,
    );
    expect(() =>
      parseEnv({ SIGNING_P12: "bm90IGEgY2VydGlmaWNhdGU=", SIGNING_P12_PASSWORD: "x" }),
    ).toThrow(/SIGNING_P12/);
    expect(() => parseEnv({ SIGNING_P12_PASSWORD: password })).toThrow(
      /SIGNING_P12: must be set when SIGNING_P12_PASSWORD is/,
    );
  });
});

describe("the key for authenticator secrets", () => {
  const production = {
    NODE_ENV: "production",
    APP_URL: "https://werkpad.example",
    STRIPE_SECRET_KEY: "sk_live_werkpad",
    STRIPE_WEBHOOK_SECRET: "whsec_werkpad",
  };

  test("an https APP_URL without it stops the start: the development key is in the source", () => {
    expect(() => parseEnv(production)).toThrow(/TWO_FACTOR_KEY: must be set when APP_URL is https/);
  });

  test("is 32 bytes in base64 or hex; anything else is refused with a message", () => {
    const bytes = Buffer.alloc(32, 9);
    expect(parseEnv({ TWO_FACTOR_KEY: bytes.toString("base64") }).TWO_FACTOR_KEY).toEqual(
      new Uint8Array(bytes),
    );
    expect(parseEnv({ TWO_FACTOR_KEY: bytes.toString("hex") }).TWO_FACTOR_KEY).toEqual(
      new Uint8Array(bytes),
    );
    for (const value of ["secret", Buffer.alloc(16).toString("base64"), "z".repeat(64)])
      expect(() => parseEnv({ TWO_FACTOR_KEY: value })).toThrow(
        /TWO_FACTOR_KEY: must be 32 random bytes/,
      );
  });

  test("development runs without it, on the development key", () => {
    expect(parseEnv({}).TWO_FACTOR_KEY).toBeUndefined();
  });
});
