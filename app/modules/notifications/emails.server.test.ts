import { describe, expect, test } from "vitest";
import { type Language, languages } from "#app/modules/i18n/languages.ts";
import { type EmailKind, type EmailProps, emailKinds, renderEmail } from "./emails.server.ts";

const examples: { [K in EmailKind]: { props: EmailProps[K]; links: string[] } } = {
  "verify-email": {
    props: {
      name: "Sanne de Vries",
      code: "482913",
      link: "https://werkpad.test/verify?token=verify-token",
      expiresInMinutes: 15,
    },
    links: ["https://werkpad.test/verify?token=verify-token"],
  },
  "magic-link": {
    props: {
      name: "Sanne de Vries",
      link: "https://werkpad.test/magic?token=magic-token",
      expiresInMinutes: 15,
    },
    links: ["https://werkpad.test/magic?token=magic-token"],
  },
  invitation: {
    props: {
      organizationName: "Bakkerij Jansen",
      inviterName: "Pieter Jansen",
      role: "MANAGER",
      link: "https://werkpad.test/invitations/invite-token",
      expiresInDays: 7,
    },
    links: ["https://werkpad.test/invitations/invite-token"],
  },
  "reset-password": {
    props: {
      name: "Sanne de Vries",
      link: "https://werkpad.test/reset?token=reset-token",
      expiresInMinutes: 60,
    },
    links: ["https://werkpad.test/reset?token=reset-token"],
  },
  "account-exists": {
    props: {
      name: "Sanne de Vries",
      signInLink: "https://werkpad.test/sign-in",
      resetLink: "https://werkpad.test/forgot-password",
    },
    links: ["https://werkpad.test/sign-in", "https://werkpad.test/forgot-password"],
  },
  "plan-changes": {
    props: {
      name: "Mark Jansen",
      employeeName: "Eva Visser",
      changes: 3,
      link: "https://werkpad.test/cases/c1",
    },
    links: ["https://werkpad.test/cases/c1"],
  },
  "plan-agreed": {
    props: {
      name: "Eva Visser",
      employeeName: "",
      version: 2,
      link: "https://werkpad.test/cases/c1",
    },
    links: ["https://werkpad.test/cases/c1"],
  },
  agreement: {
    props: {
      name: "Mark Jansen",
      event: "ready",
      version: 2,
      link: "https://werkpad.test/cases/c1/agreements/a1",
    },
    links: ["https://werkpad.test/cases/c1/agreements/a1"],
  },
  "signing-code": {
    props: { name: "Eva Visser", code: "204816", expiresInMinutes: 10 },
    links: [],
  },
  "conversation-planned": {
    props: {
      name: "Eva Visser",
      plannedBy: "Mark Jansen",
      link: "https://werkpad.test/cases/c1/conversations/v1",
    },
    links: ["https://werkpad.test/cases/c1/conversations/v1"],
  },
  retention: {
    props: {
      name: "Sanne de Vries",
      organizationName: "Linde Zorg",
      cases: 2,
      deletedFrom: "2027-01-05",
      link: "https://werkpad.test/privacy",
    },
    links: ["https://werkpad.test/privacy"],
  },
  billing: {
    props: {
      name: "Sanne de Vries",
      organizationName: "Linde Zorg",
      event: "trial-ends",
      trialEndsOn: "2027-01-05",
      link: "https://werkpad.test/billing",
    },
    links: ["https://werkpad.test/billing"],
  },
  "review-planned": {
    props: {
      name: "Eva Visser",
      date: "2027-01-05",
      time: "10:30",
      link: "https://werkpad.test/cases/c1",
    },
    links: ["https://werkpad.test/cases/c1"],
  },
  "data-export": {
    props: {
      name: "Eva Visser",
      link: "https://werkpad.test/account/export/x1",
      expiresOn: "2027-01-12",
    },
    links: ["https://werkpad.test/account/export/x1"],
  },
  reminders: {
    props: {
      name: "Mark Jansen",
      lines: [
        {
          text: "Eva Visser: Review of the plan of action, by 12 December 2026",
          link: "https://werkpad.test/cases/c1/timeline",
        },
        {
          text: "Noor Bakker: 2 items have waited 3 days for your answer",
          link: "https://werkpad.test/cases/c2",
        },
      ],
      settingsLink: "https://werkpad.test/reminders",
      stopLink: "https://werkpad.test/unsubscribe?token=abc",
    },
    links: [
      "https://werkpad.test/cases/c1/timeline",
      "https://werkpad.test/cases/c2",
      "https://werkpad.test/reminders",
      "https://werkpad.test/unsubscribe?token=abc",
    ],
  },
  organization: {
    props: {
      name: "Sanne de Vries",
      organizationName: "Linde Zorg",
      event: "deletion-scheduled",
      byName: "Pieter Jansen",
      deletionOn: "2027-01-05",
      link: "https://werkpad.test/organization",
    },
    links: ["https://werkpad.test/organization"],
  },
};

const cases = emailKinds.flatMap((kind) =>
  languages.map((language) => ({ kind, language }) as { kind: EmailKind; language: Language }),
);

describe("renderEmail", () => {
  test.each(cases)("$kind renders completely in $language", async ({ kind, language }) => {
    const { props, links } = examples[kind];
    const email = await renderEmail(kind, props as never, language);

    expect(email.subject.trim()).not.toBe("");
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).toContain(`lang="${language}"`);
    expect(email.text.trim()).not.toBe("");
    for (const link of links) {
      expect(email.text).toContain(link);
      expect(email.html).toContain(`href="${link}"`);
    }
    for (const part of [email.subject, email.html, email.text]) {
      expect(part).not.toContain("{{");
      expect(part).not.toContain("}}");
      // A missing translation shows its key, such as "verifyEmail.subject".
      expect(part).not.toMatch(
        /\b(layout|duration|roles|verifyEmail|magicLink|invitation|resetPassword|accountExists)\.\w/,
      );
    }
    // Everything a reader needs is also in the plain-text part.
    if (kind === "verify-email") expect(email.text).toContain("482913");
    // The fallback address under a button is for HTML only: each link appears once in the text.
    for (const link of links) expect(email.text.split(link)).toHaveLength(2);
  });

  test("the invitation names the role in the reader's language", async () => {
    const props = examples.invitation.props;
    const expected = {
      OWNER: { en: "owner", nl: "eigenaar", fr: "propriétaire" },
      HR: { en: "HR", nl: "HR", fr: "RH" },
      MANAGER: { en: "manager", nl: "leidinggevende", fr: "responsable" },
      EMPLOYEE: { en: "employee", nl: "medewerker", fr: "membre du personnel" },
      PHYSICIAN: { en: "occupational physician", nl: "bedrijfsarts", fr: "médecin du travail" },
    } as const;
    for (const [role, names] of Object.entries(expected)) {
      for (const language of languages) {
        const email = await renderEmail(
          "invitation",
          { ...props, role: role as keyof typeof expected },
          language,
        );
        expect(email.text).toContain(`${names[language]}.`);
        expect(email.subject).toContain("Pieter Jansen");
        expect(email.subject).toContain("Bakkerij Jansen");
      }
    }
  });

  test("each organisation e-mail says what happened, and a scheduled deletion says the day", async () => {
    const props = examples.organization.props;
    for (const event of [
      "ownership-received",
      "deletion-scheduled",
      "deletion-cancelled",
      "deleted",
      "two-factor-reset",
    ] as const) {
      for (const language of languages) {
        const email = await renderEmail("organization", { ...props, event }, language);
        expect(email.subject).toContain("Linde Zorg");
        if (event !== "deleted") expect(email.text).toContain("Pieter Jansen");
        expect(email.text).not.toMatch(/organization\.\w/);
      }
    }
    const scheduled = await renderEmail("organization", props, "en");
    expect(scheduled.text).toMatch(/January 5, 2027\.|5 January 2027\./);
    const nl = await renderEmail("organization", props, "nl");
    expect(nl.text).toContain("5 januari 2027.");
  });

  test("durations read naturally", async () => {
    const { props } = examples["magic-link"];
    const inAnHour = await renderEmail("magic-link", { ...props, expiresInMinutes: 60 }, "en");
    expect(inAnHour.text).toContain("1 hour.");
    const inOneMinute = await renderEmail("magic-link", { ...props, expiresInMinutes: 1 }, "nl");
    expect(inOneMinute.text).toContain("1 minuut");
    const inAWeek = await renderEmail("invitation", examples.invitation.props, "fr");
    expect(inAWeek.text).toContain("7 jours");
  });

  test("names people typed are escaped in the HTML and kept on one line in the subject", async () => {
    const email = await renderEmail(
      "invitation",
      {
        ...examples.invitation.props,
        inviterName: "<b>Eve</b>\nBcc: someone",
        organizationName: "A & B",
      },
      "en",
    );
    expect(email.html).not.toContain("<b>Eve</b>");
    expect(email.html).toContain("&lt;b&gt;Eve&lt;/b&gt;");
    expect(email.subject).toBe("<b>Eve</b> Bcc: someone invites you to A & B on Werkpad");
  });

  test("a greeting without a name stays polite", async () => {
    const email = await renderEmail(
      "reset-password",
      { ...examples["reset-password"].props, name: "  " },
      "nl",
    );
    expect(email.text.startsWith("Werkpad\n\nHallo,")).toBe(true);
  });

  test("a relative link is refused: it would go nowhere from an inbox", async () => {
    await expect(
      renderEmail("magic-link", { ...examples["magic-link"].props, link: "/magic?token=x" }, "en"),
    ).rejects.toThrow(/absolute/);
  });
});
