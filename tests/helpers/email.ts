import { runDueJobs } from "#app/modules/jobs/worker.server.ts";
import { lastEmailTo, linkIn, type SentEmail } from "#tests/mocks/resend.ts";

/**
 * Runs the jobs that are due (e-mails among them, through the mocked Resend
 * API) until none is left, and returns the last e-mail that reached
 * `address`. Test files that read e-mails set RESEND_API_KEY before importing
 * the app.
 */
export async function inbox(address: string): Promise<SentEmail> {
  await runJobsUntilIdle();
  const email = lastEmailTo(address);
  if (!email) throw new Error(`No e-mail reached ${address}`);
  return email;
}

/** The path and query of the e-mail's first link, ready for a Request to the app. */
export function pathOfLink(email: SentEmail): string {
  const url = new URL(linkIn(email));
  return url.pathname + url.search;
}

export function tokenInLink(email: SentEmail): string {
  return new URL(linkIn(email)).searchParams.get("token") ?? "";
}

export function codeIn(email: SentEmail): string {
  const code = /\b(\d{3}\s?\d{3})\b/.exec(email.text)?.[1];
  if (!code) throw new Error("The e-mail has no six-digit code");
  return code.replace(/\s/g, "");
}

/** Runs due jobs, batch after batch (a job may queue the next), until none is due. */
export async function runJobsUntilIdle(now?: Date): Promise<void> {
  for (;;) {
    if ((await runDueJobs({ now })).claimed === 0) return;
  }
}

/** An `email` job's payload that carries no secret (the "account exists" e-mail), for tests of the queue. */
export function accountExistsEmail(to: string) {
  return {
    template: "account-exists",
    to,
    language: "en",
    props: {
      name: "Bob",
      signInLink: "https://werkpad.test/signin",
      resetLink: "https://werkpad.test/forgot-password",
    },
  } as const;
}
