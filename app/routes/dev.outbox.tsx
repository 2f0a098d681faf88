import { data, type LoaderFunctionArgs, useLoaderData } from "react-router";
import { Card } from "#app/components/ui/card.tsx";
import { cx } from "#app/components/ui/cx.ts";
import { devOutboxOn, env } from "#app/modules/env.server.ts";
import { isLanguage } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { calendarAttachment } from "#app/modules/notifications/email-payload.ts";
import { listOutbox, type OutboxEntry } from "#app/modules/notifications/outbox.server.ts";

/**
 * The outbox for developers, demos and browser tests: the e-mails Werkpad
 * wrote, newest first, with their text and links (tests follow the links).
 * Outside production it is always there; in production only with DEV_OUTBOX,
 * which a real deployment never sets (the server refuses to start with it
 * when APP_URL is https). Otherwise the address does not exist.
 *
 * The stored HTML is never rendered here: only the plain-text part, and the
 * http(s) links found in it as ordinary anchors.
 */
export async function loader(_args: LoaderFunctionArgs) {
  if (!devOutboxOn(env())) throw data(null, { status: 404 });
  const entries = await listOutbox();
  return { messages: entries.map(toView) };
}

export function headers() {
  return { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
}

function toView(entry: OutboxEntry) {
  const language = /<html[^>]*\blang="([a-z]{2})"/.exec(entry.html)?.[1];
  return {
    id: entry.id,
    kind: entry.kind,
    to: entry.to,
    subject: entry.subject,
    status: entry.status,
    attempts: entry.attempts,
    lastError: entry.lastError,
    createdAt: entry.createdAt.toISOString(),
    text: entry.text,
    /** A sent secret message keeps only its subject. */
    erased: entry.text === "",
    links: linksIn(entry.text),
    calendar: calendarAttachment.safeParse(entry.calendar).data ?? null,
    language: isLanguage(language) ? language : undefined,
  };
}

/** The distinct http(s) addresses in a text, in order. */
function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [])];
}

const statusClasses = {
  PENDING: "bg-info-50 text-info-700",
  SENT: "bg-success-50 text-success-700",
  FAILED: "bg-danger-50 text-danger-700",
} as const;

export default function DevOutbox() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("emails");
  return (
    <div className="flex flex-col gap-6">
      <title>{`${t("devOutbox.title")} · Werkpad`}</title>
      <meta name="robots" content="noindex" />
      <header className="max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight text-ink">{t("devOutbox.heading")}</h1>
        <p className="mt-2 text-lg text-muted">{t("devOutbox.intro")}</p>
      </header>

      {messages.length === 0 ? (
        <p className="text-muted">{t("devOutbox.empty")}</p>
      ) : (
        <ol aria-label={t("devOutbox.listLabel")} className="flex flex-col gap-4">
          {messages.map((message) => (
            <li key={message.id} data-outbox-id={message.id}>
              <Card title={<span lang={message.language}>{message.subject}</span>}>
                <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="font-semibold">{t("devOutbox.to")}</dt>
                  <dd className="break-all">{message.to}</dd>
                  <dt className="font-semibold">{t("devOutbox.kind")}</dt>
                  <dd>
                    <code>{message.kind}</code>
                  </dd>
                  <dt className="font-semibold">{t("devOutbox.status")}</dt>
                  <dd>
                    <span
                      className={cx(
                        "rounded-md px-2 py-0.5 font-semibold",
                        statusClasses[message.status],
                      )}
                    >
                      {t(`devOutbox.statuses.${message.status}`)}
                    </span>
                  </dd>
                  <dt className="font-semibold">{t("devOutbox.createdAt")}</dt>
                  <dd>
                    <time dateTime={message.createdAt}>
                      {`${message.createdAt.slice(0, 19).replace("T", " ")} UTC`}
                    </time>
                  </dd>
                  <dt className="font-semibold">{t("devOutbox.attempts")}</dt>
                  <dd>{message.attempts}</dd>
                  {message.lastError ? (
                    <>
                      <dt className="font-semibold">{t("devOutbox.lastError")}</dt>
                      <dd className="break-words">{message.lastError}</dd>
                    </>
                  ) : null}
                </dl>

                {message.erased ? (
                  <p className="text-muted">{t("devOutbox.erased")}</p>
                ) : (
                  <>
                    <h3 className="mb-1 font-semibold">{t("devOutbox.links")}</h3>
                    {message.links.length === 0 ? (
                      <p className="mb-4 text-muted">{t("devOutbox.noLinks")}</p>
                    ) : (
                      <ul className="mb-4 flex flex-col gap-1">
                        {message.links.map((link) => (
                          <li key={link}>
                            <a
                              href={link}
                              className="break-all text-brand-700 underline hover:text-brand-800"
                            >
                              {link}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                    <h3 className="mb-1 font-semibold">{t("devOutbox.text")}</h3>
                    <pre
                      lang={message.language}
                      className="overflow-x-auto whitespace-pre-wrap break-words rounded-lg border border-line bg-canvas p-4 font-sans text-sm text-ink"
                    >
                      {message.text}
                    </pre>
                    {message.calendar ? (
                      <details className="mt-4" data-testid="outbox-calendar">
                        <summary className="cursor-pointer font-semibold">
                          {t("devOutbox.attachment")} {message.calendar.filename}
                        </summary>
                        <pre className="mt-2 overflow-x-auto rounded-lg border border-line bg-canvas p-4 text-xs">
                          {message.calendar.ics}
                        </pre>
                      </details>
                    ) : null}
                  </>
                )}
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
