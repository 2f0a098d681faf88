import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { z } from "zod";
import { certificateSummary } from "./pdf/seal.ts";

/** Express's names for address ranges, usable in TRUST_PROXY. */
const proxyRanges = ["loopback", "linklocal", "uniquelocal"];

/** An IP address, optionally with a prefix length (10.0.0.0/8), or one of proxyRanges. */
function isProxyAddress(value: string): boolean {
  if (proxyRanges.includes(value)) return true;
  const [address = "", prefix, ...rest] = value.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/**
 * Which proxies may say who the client is (X-Forwarded-For, -Proto, -Host).
 * None by default: without a proxy that overwrites the header, anyone could
 * claim any address, and a new address would reset the per-address sign-in
 * limit. A number trusts that many proxies in front of Werkpad; a list trusts
 * those addresses. "true" (trust every hop) is refused for the same reason.
 */
const trustProxy = z
  .string()
  .trim()
  .default("")
  .transform((value, context): false | number | string[] => {
    if (value === "" || value === "false" || value === "0") return false;
    if (/^\d+$/.test(value)) return Number(value);
    const addresses = value.split(",").map((part) => part.trim());
    if (value !== "true" && addresses.every(isProxyAddress)) return addresses;
    context.addIssue({
      code: "custom",
      message:
        "give the number of proxies in front of Werkpad (1 for one load balancer), or their addresses (10.0.0.1, 10.0.0.0/8, loopback); trusting every hop would let anyone choose their own address",
    });
    return z.NEVER;
  });

/** 32 bytes from base64 or hex, or null. */
function keyBytes(value: string): Uint8Array | null {
  const bytes = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, "hex")
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(value)
      ? Buffer.from(value, "base64")
      : null;
  return bytes?.length === 32 ? new Uint8Array(bytes) : null;
}

/**
 * Every environment variable Werkpad reads, validated in one place.
 * `.env.example` documents each of them; keep the two in step.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** The public address people reach the app on; used in links in e-mails. */
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** `pglite:<folder>` (embedded, the default) or `postgres://…` (a server). */
    DATABASE_URL: z
      .string()
      .default("pglite:./data/pglite")
      .refine((value) => /^(pglite:|postgres(ql)?:\/\/)/.test(value), {
        message: "must start with pglite: (embedded database) or postgres:// (a PostgreSQL server)",
      }),
    /**
     * Server processes on this machine (server/cluster.ts): a primary forks this
     * many workers that share the port. Only on a PostgreSQL server and in
     * production; the embedded database and development run one process.
     */
    WEB_CONCURRENCY: z.coerce
      .number({ error: "must be a whole number of server processes, 1 or more" })
      .int({ error: "must be a whole number of server processes, 1 or more" })
      .min(1, { error: "must be a whole number of server processes, 1 or more" })
      .default(1),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /** Without it e-mails stay in the outbox (readable at /dev/outbox outside production). */
    RESEND_API_KEY: z.string().min(1).optional(),
    /** The sender of every e-mail. */
    EMAIL_FROM: z.string().min(3).default("Werkpad <no-reply@werkpad.test>"),
    /**
     * Days that ended background jobs, and the e-mails they sent, are kept:
     * long enough to answer "did the invitation go out?" and for an owner to
     * see a failure, short enough that addresses do not pile up.
     */
    JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /**
     * Shows the outbox at /dev/outbox even when NODE_ENV is production: for the
     * demo started by `npm start` and for the browser tests, never for a real
     * deployment. Outside production the page is always there.
     */
    DEV_OUTBOX: z
      .enum(["0", "1", "true", "false"])
      .default("0")
      .transform((value) => value === "1" || value === "true"),
    TRUST_PROXY: trustProxy,
    /**
     * The platform certificate that seals signed PDFs (PAdES): a PKCS#12
     * file's path, or its contents in base64, with its password. Without
     * them (development, the demo) a self-signed certificate is made once and
     * kept in the database; /verify then still checks seals, but a PDF reader
     * shows the signer as unknown.
     */
    SIGNING_P12: z.string().min(1).optional(),
    /**
     * Stripe (docs/decisions/0025). Without a key, a development simulator
     * stands in for Stripe: its checkout page pays or fails and sends signed
     * webhooks. It never runs with an https APP_URL, which needs both values.
     */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, {
        message: "must be a Stripe secret or restricted key (sk_… or rk_…)",
      })
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, { message: "must be the webhook endpoint's signing secret (whsec_…)" })
      .optional(),
    /** Checkout calculates VAT with Stripe Tax: only when it is set up in the Stripe account. */
    STRIPE_AUTOMATIC_TAX: z
      .enum(["0", "1", "true", "false"])
      .default("0")
      .transform((value) => value === "1" || value === "true"),
    SIGNING_P12_PASSWORD: z.string().optional(),
    /**
     * The key that encrypts the secrets of people's authenticator apps
     * (two-factor sign-in, docs/decisions/0030): 32 random bytes in base64 or
     * hex (`openssl rand -base64 32`). Kept outside the database, so a copy of
     * the database alone cannot make anyone's codes. Required with an https
     * APP_URL; without it (development, the demo) a fixed development key is used.
     */
    TWO_FACTOR_KEY: z
      .string()
      .trim()
      .transform((value, context) => {
        const bytes = keyBytes(value);
        if (bytes) return bytes;
        context.addIssue({
          code: "custom",
          message: "must be 32 random bytes in base64 or hex (openssl rand -base64 32)",
        });
        return z.NEVER;
      })
      .optional(),
    /**
     * Browser tests only: /dev/fault fails on purpose, so the tests can check
     * the error page and that its reference is in the log. Every real fault
     * this could stand for has been fixed.
     */
    DEV_FAULT: z
      .enum(["0", "1", "true", "false"])
      .default("0")
      .transform((value) => value === "1" || value === "true"),
  })
  .transform((env) => ({
    ...env,
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
  }))
  .superRefine((env, context) => {
    // An https address means a real deployment, where the outbox would hand
    // anyone the sign-in and reset links of everyone.
    if (env.APP_URL.startsWith("https:") && devOutboxOn(env))
      context.addIssue({
        code: "custom",
        path: ["DEV_OUTBOX"],
        message: `/dev/outbox shows live sign-in and reset links to anyone, so it must be off when APP_URL is https (${env.APP_URL}): run with NODE_ENV=production and without DEV_OUTBOX`,
      });
    if (env.SIGNING_P12 !== undefined) {
      const problem = signingCertificateProblem(env.SIGNING_P12, env.SIGNING_P12_PASSWORD ?? "");
      if (problem) context.addIssue({ code: "custom", path: ["SIGNING_P12"], message: problem });
    } else if (env.SIGNING_P12_PASSWORD !== undefined)
      context.addIssue({
        code: "custom",
        path: ["SIGNING_P12"],
        message: "must be set when SIGNING_P12_PASSWORD is",
      });
    // A real deployment bills through Stripe: the simulator would let anyone "pay".
    if (env.APP_URL.startsWith("https:") && env.STRIPE_SECRET_KEY === undefined)
      context.addIssue({
        code: "custom",
        path: ["STRIPE_SECRET_KEY"],
        message: `must be set when APP_URL is https (${env.APP_URL}): without it the development simulator would stand in for Stripe`,
      });
    if ((env.STRIPE_SECRET_KEY === undefined) !== (env.STRIPE_WEBHOOK_SECRET === undefined))
      context.addIssue({
        code: "custom",
        path: [env.STRIPE_SECRET_KEY === undefined ? "STRIPE_SECRET_KEY" : "STRIPE_WEBHOOK_SECRET"],
        message:
          "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set together, or neither (the simulator)",
      });
    if (env.APP_URL.startsWith("https:") && env.TWO_FACTOR_KEY === undefined)
      context.addIssue({
        code: "custom",
        path: ["TWO_FACTOR_KEY"],
        message: `must be set when APP_URL is https (${env.APP_URL}): without it the authenticator secrets would be encrypted with the development key everyone can read in the source`,
      });
    if (env.APP_URL.startsWith("https:") && env.DEV_FAULT)
      context.addIssue({
        code: "custom",
        path: ["DEV_FAULT"],
        message: "is for the browser tests only, never with an https APP_URL",
      });
  });

export type Env = z.infer<typeof envSchema>;

/** SIGNING_P12's bytes: the file it names, or its base64 contents. */
export function signingP12Bytes(value: string): Uint8Array {
  if (existsSync(value)) return new Uint8Array(readFileSync(value));
  return new Uint8Array(Buffer.from(value, "base64"));
}

function signingCertificateProblem(value: string, password: string): string | null {
  try {
    certificateSummary(signingP12Bytes(value), password);
    return null;
  } catch (error) {
    return `is not a PKCS#12 file (a path, or its contents in base64) that SIGNING_P12_PASSWORD opens: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Which certificate seals PDFs, in words for the start-up log. */
export function sealingCertificateInUse(env: Pick<Env, "SIGNING_P12">): string {
  return env.SIGNING_P12
    ? "the certificate in SIGNING_P12"
    : "a self-signed development certificate (SIGNING_P12 is not set): PDF readers will show the seal's signer as unknown";
}

/** Which key encrypts authenticator secrets, in words for the start-up log. */
export function twoFactorKeyInUse(env: Pick<Env, "TWO_FACTOR_KEY">): string {
  return env.TWO_FACTOR_KEY
    ? "the key in TWO_FACTOR_KEY"
    : "the development key (TWO_FACTOR_KEY is not set): for development and the demo only";
}

/** What bills organisations, in words for the start-up log. */
export function billingThrough(env: Pick<Env, "STRIPE_SECRET_KEY">): string {
  if (!env.STRIPE_SECRET_KEY) return "the development simulator (STRIPE_SECRET_KEY is not set)";
  return env.STRIPE_SECRET_KEY.includes("_live_") ? "Stripe (live mode)" : "Stripe (test mode)";
}

/** Whether /dev/outbox is served: always outside production; in production only with DEV_OUTBOX. */
export function devOutboxOn(env: Pick<Env, "NODE_ENV" | "DEV_OUTBOX">): boolean {
  return env.NODE_ENV !== "production" || env.DEV_OUTBOX;
}

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; throws an EnvError naming every bad or missing variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    const value = source[name];
    const received = value === undefined ? "it is not set" : `got ${JSON.stringify(value)}`;
    return `  - ${name}: ${issue.message} (${received})`;
  });
  throw new EnvError(`Werkpad's configuration is invalid:\n${lines.join("\n")}\nSee .env.example.`);
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * For entry points (server, scripts): validate the environment or print what is
 * wrong and exit non-zero, before anything else starts.
 */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
