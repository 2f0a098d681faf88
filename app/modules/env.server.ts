import { isIP } from "node:net";
import { z } from "zod";

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
    if (env.APP_URL.startsWith("https:") && env.DEV_FAULT)
      context.addIssue({
        code: "custom",
        path: ["DEV_FAULT"],
        message: "is for the browser tests only, never with an https APP_URL",
      });
  });

export type Env = z.infer<typeof envSchema>;

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
