import { z } from "zod";

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
  })
  .transform((env) => ({
    ...env,
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
  }));

export type Env = z.infer<typeof envSchema>;

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
