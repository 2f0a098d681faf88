import {
  Body,
  Button,
  Container,
  Head,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { TFunction } from "i18next";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * The frame every Werkpad e-mail shares: calm, plain, large type, one clear
 * action. E-mail clients ignore stylesheets, so styles are inline here; these
 * components never reach the web app (its CSP forbids inline styles there).
 *
 * Texts come from the "emails" catalogue through the I18nextProvider that
 * renderEmail (app/modules/notifications/emails.server.ts) puts around them.
 */
export const colours = {
  brand: "#0f766e",
  brandDark: "#0a4b47",
  ink: "#1c1917",
  muted: "#57534e",
  line: "#d6d3d1",
  canvas: "#f7f6f3",
  surface: "#ffffff",
} as const;

const font =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

const styles = {
  body: { backgroundColor: colours.canvas, margin: 0, padding: "24px 12px", fontFamily: font },
  container: {
    backgroundColor: colours.surface,
    border: `1px solid ${colours.line}`,
    borderRadius: "12px",
    maxWidth: "560px",
    margin: "0 auto",
    padding: "32px 28px",
  },
  brand: {
    color: colours.brandDark,
    fontSize: "20px",
    fontWeight: 700,
    lineHeight: "28px",
    margin: "0 0 24px",
  },
  text: { color: colours.ink, fontSize: "17px", lineHeight: "28px", margin: "0 0 16px" },
  button: {
    backgroundColor: colours.brand,
    borderRadius: "8px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "17px",
    fontWeight: 600,
    lineHeight: "24px",
    padding: "14px 24px",
    textDecoration: "none",
  },
  secondaryButton: {
    backgroundColor: "#ffffff",
    border: `2px solid ${colours.brand}`,
    borderRadius: "8px",
    color: colours.brandDark,
    display: "inline-block",
    fontSize: "17px",
    fontWeight: 600,
    lineHeight: "24px",
    padding: "12px 22px",
    textDecoration: "none",
  },
  fallback: { color: colours.muted, fontSize: "14px", lineHeight: "22px", margin: "0 0 16px" },
  fallbackLink: { color: colours.brand, wordBreak: "break-all" },
  hr: { borderColor: colours.line, margin: "28px 0 20px" },
  footer: { color: colours.muted, fontSize: "14px", lineHeight: "22px", margin: "0 0 8px" },
  code: {
    backgroundColor: colours.canvas,
    border: `1px solid ${colours.line}`,
    borderRadius: "8px",
    color: colours.ink,
    fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
    fontSize: "32px",
    fontWeight: 700,
    letterSpacing: "6px",
    lineHeight: "44px",
    margin: "0 0 16px",
    padding: "12px 20px",
    textAlign: "center",
  },
} satisfies Record<string, CSSProperties>;

export type EmailT = TFunction<"emails">;

/** The catalogue's translator inside an e-mail component. */
export function useEmailT(): EmailT {
  return useTranslation("emails").t;
}

/** The page around an e-mail's content, with the preview line inboxes show and the footer. */
export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  const { t, i18n } = useTranslation("emails");
  return (
    <Html lang={i18n.language} dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Werkpad</Text>
          {children}
          <Text style={styles.text}>
            {t("layout.signOff")}
            <br />
            {t("layout.team")}
          </Text>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>{t("layout.about")}</Text>
          <Text style={styles.footer}>{t("layout.automatic")}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** "Hello Name," or a plain "Hello," when the name is not known. */
export function Greeting({ name }: { name?: string }) {
  const t = useEmailT();
  const trimmed = name?.trim();
  return (
    <Paragraph>
      {trimmed ? t("layout.greeting", { name: trimmed }) : t("layout.greetingNoName")}
    </Paragraph>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/**
 * One clear action, with the address written out underneath for clients that
 * do not show buttons. The plain-text part keeps only the button's own link.
 */
export function ActionButton({
  href,
  children,
  variant = "primary",
}: {
  href: string;
  children: string;
  /** The second action of an e-mail is quieter, so the first stays the obvious one. */
  variant?: "primary" | "secondary";
}) {
  const t = useEmailT();
  return (
    <>
      <Section style={{ margin: "8px 0 20px" }}>
        <Button href={href} style={variant === "primary" ? styles.button : styles.secondaryButton}>
          {children}
        </Button>
      </Section>
      <Text style={styles.fallback} data-skip-in-text="true">
        {t("layout.buttonFallback")}
        <br />
        <Link href={href} style={styles.fallbackLink}>
          {href}
        </Link>
      </Text>
    </>
  );
}

/** A one-time code, large and spaced so it is easy to read and type over. */
export function Code({ children }: { children: string }) {
  return <Text style={styles.code}>{children}</Text>;
}

/**
 * "15 minutes", "1 hour", "7 days": whole hours read more easily than a
 * number of minutes.
 */
export function duration(t: EmailT, amount: number, unit: "minutes" | "days"): string {
  if (unit === "days") return t("duration.days", { count: amount });
  if (amount >= 60 && amount % 60 === 0) return t("duration.hours", { count: amount / 60 });
  return t("duration.minutes", { count: amount });
}
