import { diffWords } from "diff";
import { fieldText, itemTitle } from "#app/components/plan/item-summary.tsx";
import type {
  CaseKind,
  CaseStartKind,
  Country,
  ReviewOutcome,
} from "#app/generated/prisma/client.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { type CatalogueView, catalogueIn } from "#app/modules/catalog/view.ts";
import { countryTimeZones, formatDay, formatMomentInZone } from "#app/modules/i18n/dates.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import type { PdfBlock, PdfDocument, PdfFact } from "#app/modules/pdf/model.ts";
import type { SnapshotItem } from "#app/modules/plans/versions.ts";
import { diffVersions } from "#app/modules/plans/versions.ts";

/**
 * The texts of the PDFs Werkpad issues, from the plan and the case: the
 * agreement of an agreed version, the signing certificate page sealed onto it,
 * and the employee's adjustment passport. Everything is translated and
 * formatted here; the PDF thread only lays it out (app/modules/pdf/).
 *
 * What goes in is what both sides agreed to and what the physician wrote for
 * everyone: the plan's own items and the review's outcome in work terms.
 * Never a private note, a medical note, or the physician's capacities advice
 * (which the employer side reads only while the employee consents).
 */
type Content = Record<string, unknown>;
const str = (value: unknown) => (typeof value === "string" ? value : "");

export type AgreementFacts = {
  language: Language;
  /** Whose rules apply: the times printed are in its time zone. */
  country: Country;
  organizationName: string;
  employeeName: string;
  managerName: string;
  physicianName: string | null;
  caseKind: CaseKind;
  startKind: CaseStartKind;
  startDate: Date | null;
  version: { number: number; contentHash: string; agreedAt: Date; snapshot: SnapshotItem[] };
  review: { outcome: ReviewOutcome; remarks: string; physicianName: string; at: Date } | null;
  /** The sealed agreement of an earlier version that this one replaces. */
  amends: {
    versionNumber: number;
    planHash: string;
    sealedAt: Date;
    snapshot: SnapshotItem[];
  } | null;
  preparedAt: Date;
};

function translators(language: Language) {
  const i18n = serverI18n(language);
  return {
    t: i18n.getFixedT(language, "agreements"),
    plans: i18n.getFixedT(language, "plans"),
    common: i18n.getFixedT(language, "common"),
    cases: i18n.getFixedT(language, "cases"),
  };
}

/** "Version 2 · fingerprint 3fa9…": what every page of an agreement carries at its foot. */
function footerOf(t: ReturnType<typeof translators>["t"], number: number, hash: string) {
  return t("pdf.footer", { number, hash });
}

export async function agreementDocument(facts: AgreementFacts): Promise<PdfDocument> {
  const { language, version } = facts;
  const { t, plans, common, cases } = translators(language);
  const moment = (date: Date) =>
    formatMomentInZone(language, date, countryTimeZones[facts.country]);
  const catalogue = catalogueIn(await loadCatalogue(), language);
  const day = (iso: string) => formatDay(language, iso);
  const title = (item: SnapshotItem) => itemTitle(plans, item.kind, item.content, catalogue, day);
  const field = (item: SnapshotItem, name: string) =>
    fieldText(plans, name, item.content[name], catalogue, day);
  const ofKind = (kind: SnapshotItem["kind"]) =>
    version.snapshot.filter((item) => item.kind === kind);

  const blocks: PdfBlock[] = [];
  const people: PdfFact[] = [
    { label: t("pdf.organization"), value: facts.organizationName },
    { label: t("pdf.employee"), value: facts.employeeName },
    { label: t("pdf.manager"), value: facts.managerName },
    {
      label: t("pdf.physician"),
      value: facts.physicianName ?? t("pdf.noPhysician"),
    },
    { label: t("pdf.caseKind"), value: common(`caseKinds.${facts.caseKind}`) },
  ];
  if (facts.startDate)
    people.push({
      label: cases(`startKinds.${facts.startKind}`),
      value: formatDay(language, facts.startDate),
    });
  people.push(
    {
      label: t("pdf.agreedOn"),
      value: t("pdf.versionAgreed", {
        number: version.number,
        date: moment(version.agreedAt),
      }),
    },
    { label: t("pdf.fingerprint"), value: version.contentHash },
  );
  blocks.push({ type: "paragraph", text: t("pdf.intro") }, { type: "facts", facts: people });
  if (facts.amends) {
    blocks.push({
      type: "paragraph",
      tone: "notice",
      text: t("pdf.amends", {
        number: facts.amends.versionNumber,
        hash: facts.amends.planHash,
        date: moment(facts.amends.sealedAt),
      }),
    });
  }

  const capacities = ofKind("CAPACITY");
  blocks.push({ type: "heading", level: 2, text: t("pdf.capacities") });
  if (capacities.length === 0) blocks.push(nothing(t("pdf.none")));
  else
    blocks.push({
      type: "items",
      items: capacities.map((item) => ({
        title: title(item),
        facts: [
          ...optionalFact(t("pdf.effects"), field(item, "effects")),
          ...optionalFact(t("pdf.whatHelps"), str(item.content.whatHelps)),
          ...optionalFact(t("pdf.whatIsHard"), str(item.content.whatIsHard)),
        ],
      })),
    });

  const adjustments = ofKind("ADJUSTMENT");
  blocks.push({ type: "heading", level: 2, text: t("pdf.adjustments") });
  if (adjustments.length === 0) blocks.push(nothing(t("pdf.none")));
  else
    blocks.push({
      type: "table",
      columns: [
        t("pdf.adjustment"),
        t("pdf.owner"),
        t("pdf.starts"),
        t("pdf.review"),
        t("pdf.status"),
      ],
      rows: adjustments.map((item) => {
        const details = str(item.content.details);
        const reason = str(item.content.stageReason);
        return [
          details ? `${title(item)}\n${details}` : title(item),
          str(item.content.owner),
          field(item, "startDate"),
          field(item, "reviewDate") || "–",
          reason ? `${field(item, "stage")}: ${reason}` : field(item, "stage"),
        ];
      }),
    });

  const phases = ofKind("SCHEDULE_PHASE").sort(
    (a, b) => Number(a.content.startWeek) - Number(b.content.startWeek),
  );
  blocks.push({ type: "heading", level: 2, text: t("pdf.schedule") });
  if (phases.length === 0) blocks.push(nothing(t("pdf.none")));
  else {
    const hours = (item: SnapshotItem) => Number(item.content.hoursPerWeek) || 0;
    blocks.push(
      {
        type: "table",
        columns: [
          t("pdf.fromWeek"),
          t("pdf.hoursPerWeek"),
          t("pdf.days"),
          t("pdf.tasksIncluded"),
          t("pdf.tasksExcluded"),
        ],
        rows: phases.map((item) => [
          t("pdf.week", { week: Number(item.content.startWeek) }),
          t("pdf.hours", { hours: hours(item) }),
          field(item, "days") || "–",
          str(item.content.tasksIncluded) || "–",
          str(item.content.tasksExcluded) || "–",
        ]),
      },
      {
        type: "bars",
        title: t("pdf.scheduleChart"),
        max: Math.max(40, ...phases.map(hours)),
        bars: phases.map((item) => ({
          label: t("pdf.week", { week: Number(item.content.startWeek) }),
          value: hours(item),
          caption: t("pdf.hours", { hours: hours(item) }),
        })),
      },
    );
  }

  const agreements = ofKind("AGREEMENT");
  blocks.push({ type: "heading", level: 2, text: t("pdf.agreements") });
  if (agreements.length === 0) blocks.push(nothing(t("pdf.none")));
  else
    blocks.push({
      type: "items",
      items: agreements.map((item) => ({
        title: title(item),
        text: str(item.content.text),
        facts: [
          ...optionalFact(t("pdf.frequency"), str(item.content.frequency)),
          ...optionalFact(t("pdf.whoTells"), field(item, "whoTells")),
        ],
      })),
    });

  const reviews = ofKind("REVIEW").sort((a, b) =>
    str(a.content.date).localeCompare(str(b.content.date)),
  );
  blocks.push({ type: "heading", level: 2, text: t("pdf.reviewDates") });
  if (reviews.length === 0) blocks.push(nothing(t("pdf.none")));
  else
    blocks.push({
      type: "table",
      columns: [t("pdf.date"), t("pdf.note")],
      rows: reviews.map((item) => [field(item, "date"), str(item.content.note) || "–"]),
    });

  blocks.push({ type: "heading", level: 2, text: t("pdf.physicianReview") });
  if (facts.review) {
    blocks.push({
      type: "facts",
      facts: [
        { label: t("pdf.outcome"), value: t(`pdf.outcomes.${facts.review.outcome}`) },
        {
          label: t("pdf.reviewedBy"),
          value: t("pdf.reviewedByOn", {
            name: facts.review.physicianName,
            date: moment(facts.review.at),
          }),
        },
        ...optionalFact(t("pdf.remarks"), facts.review.remarks),
      ],
    });
  } else {
    blocks.push(nothing(facts.physicianName ? t("pdf.notReviewed") : t("pdf.noPhysician")));
  }

  blocks.push(
    { type: "heading", level: 2, text: t("pdf.signing") },
    { type: "paragraph", text: t("pdf.signingText") },
  );

  if (facts.amends) {
    blocks.push(
      { type: "page-break" },
      {
        type: "heading",
        level: 2,
        text: t("pdf.changesSince", { number: facts.amends.versionNumber }),
      },
      changesBlock(facts.amends.snapshot, version.snapshot, { t, plans, catalogue, day }),
    );
  }

  return {
    language,
    title: t("pdf.title"),
    subtitle: t("pdf.subtitle", {
      employee: facts.employeeName,
      organization: facts.organizationName,
    }),
    author: facts.organizationName,
    subject: t("pdf.subject", { number: version.number }),
    footer: footerOf(t, version.number, version.contentHash),
    pageLabel: t("pdf.pageLabel"),
    blocks,
  };
}

function nothing(text: string): PdfBlock {
  return { type: "paragraph", tone: "muted", text };
}

function optionalFact(label: string, value: string): PdfFact[] {
  return value ? [{ label, value }] : [];
}

function changesBlock(
  before: SnapshotItem[],
  after: SnapshotItem[],
  {
    t,
    plans,
    catalogue,
    day,
  }: {
    t: ReturnType<typeof translators>["t"];
    plans: ReturnType<typeof translators>["plans"];
    catalogue: CatalogueView;
    day: (iso: string) => string;
  },
): PdfBlock {
  const text = (content: Content, name: string) =>
    fieldText(plans, name, content[name], catalogue, day);
  const changes = diffVersions(before, after);
  if (changes.length === 0) return nothing(t("pdf.noChanges"));
  return {
    type: "changes",
    entries: changes.map((change) => ({
      title: itemTitle(plans, change.item.kind, change.item.content, catalogue, day),
      change: plans(`history.${change.change === "changed" ? "changedItem" : change.change}`),
      fields:
        change.change === "changed"
          ? change.fields.map((name) => ({
              label: plans(`fieldNames.${name as "date"}`, { defaultValue: name }),
              parts: diffWords(
                text(change.before.content, name),
                text(change.item.content, name),
              ).map((part) => ({
                text: part.value,
                change: part.added ? "added" : part.removed ? "removed" : undefined,
              })),
            }))
          : [],
    })),
  };
}

export type SignatureFacts = {
  name: string;
  side: "EMPLOYEE" | "EMPLOYER";
  typedName: string;
  drawing: string | null;
  method: "PASSWORD" | "EMAIL_CODE";
  ipAddress: string;
  userAgent: string;
  signedAt: Date;
};

/** The page sealed onto a signed agreement: who signed, when, how, and where to check it. */
export function certificateDocument(input: {
  language: Language;
  country: Country;
  organizationName: string;
  versionNumber: number;
  planHash: string;
  documentHash: string;
  signatures: SignatureFacts[];
  sealedAt: Date;
  verifyUrl: string;
}): PdfDocument {
  const { t } = translators(input.language);
  const when = (date: Date) =>
    formatMomentInZone(input.language, date, countryTimeZones[input.country]);
  return {
    language: input.language,
    title: t("certificate.title"),
    author: "Werkpad",
    subject: t("pdf.subject", { number: input.versionNumber }),
    footer: footerOf(t, input.versionNumber, input.planHash),
    // Its own label: the signed pages before it keep their numbering.
    pageLabel: t("certificate.title"),
    blocks: [
      { type: "paragraph", text: t("certificate.intro") },
      {
        type: "facts",
        facts: [
          { label: t("pdf.organization"), value: input.organizationName },
          {
            label: t("certificate.document"),
            value: t("pdf.subject", { number: input.versionNumber }),
          },
          { label: t("pdf.fingerprint"), value: input.planHash },
          { label: t("certificate.documentHash"), value: input.documentHash },
          { label: t("certificate.sealedAt"), value: when(input.sealedAt) },
        ],
      },
      { type: "heading", level: 2, text: t("certificate.signers") },
      {
        type: "signers",
        signers: input.signatures.map((signature) => ({
          name: signature.name,
          role: t(`certificate.sides.${signature.side}`),
          drawing: signature.drawing ?? undefined,
          facts: [
            { label: t("certificate.typedName"), value: signature.typedName },
            { label: t("certificate.signedAt"), value: when(signature.signedAt) },
            { label: t("certificate.method"), value: t(`certificate.methods.${signature.method}`) },
            { label: t("certificate.ip"), value: signature.ipAddress },
            { label: t("certificate.browser"), value: signature.userAgent.slice(0, 200) },
            { label: t("certificate.documentHash"), value: input.documentHash },
          ],
        })),
      },
      { type: "heading", level: 2, text: t("certificate.check") },
      { type: "qr", url: input.verifyUrl, caption: t("certificate.checkText") },
    ],
  };
}

/** The employee's adjustment passport: what they chose to take with them. */
export async function passportDocument(input: {
  language: Language;
  country: Country;
  employeeName: string;
  items: SnapshotItem[];
  /** What the employee wrote for the passport itself. */
  helps?: string;
  hard?: string;
  madeAt: Date;
  verifyUrl: string;
  verifyCode: string;
}): Promise<PdfDocument> {
  const { language } = input;
  const { t, plans } = translators(language);
  const catalogue = catalogueIn(await loadCatalogue(), language);
  const day = (iso: string) => formatDay(language, iso);
  const field = (item: SnapshotItem, name: string) =>
    fieldText(plans, name, item.content[name], catalogue, day);
  const adjustments = input.items.filter((item) => item.kind === "ADJUSTMENT");
  const capacities = input.items.filter((item) => item.kind === "CAPACITY");
  const blocks: PdfBlock[] = [
    { type: "paragraph", text: t("passport.pdf.intro", { name: input.employeeName }) },
    {
      type: "facts",
      facts: [
        { label: t("passport.pdf.name"), value: input.employeeName },
        {
          label: t("passport.pdf.madeOn"),
          value: formatMomentInZone(language, input.madeAt, countryTimeZones[input.country]),
        },
      ],
    },
  ];
  if (adjustments.length > 0) {
    blocks.push(
      { type: "heading", level: 2, text: t("passport.pdf.adjustments") },
      {
        type: "items",
        items: adjustments.map((item) => ({
          title: itemTitle(plans, item.kind, item.content, catalogue, day),
          text: str(item.content.details) || undefined,
          facts: [
            ...optionalFact(t("pdf.status"), field(item, "stage")),
            ...optionalFact(t("pdf.starts"), field(item, "startDate")),
          ],
        })),
      },
    );
  }
  if (capacities.length > 0) {
    blocks.push(
      { type: "heading", level: 2, text: t("passport.pdf.capacities") },
      {
        type: "items",
        items: capacities.map((item) => ({
          title: itemTitle(plans, item.kind, item.content, catalogue, day),
          facts: [
            ...optionalFact(t("pdf.effects"), field(item, "effects")),
            ...optionalFact(t("pdf.whatHelps"), str(item.content.whatHelps)),
            ...optionalFact(t("pdf.whatIsHard"), str(item.content.whatIsHard)),
          ],
        })),
      },
    );
  }
  if (input.helps || input.hard) {
    blocks.push(
      { type: "heading", level: 2, text: t("passport.pdf.inMyWords") },
      {
        type: "facts",
        facts: [
          ...optionalFact(t("passport.pdf.helps"), input.helps ?? ""),
          ...optionalFact(t("passport.pdf.hard"), input.hard ?? ""),
        ],
      },
    );
  }
  blocks.push(
    { type: "heading", level: 2, text: t("certificate.check") },
    { type: "qr", url: input.verifyUrl, caption: t("passport.pdf.checkText") },
  );
  return {
    language,
    title: t("passport.pdf.title"),
    subtitle: input.employeeName,
    author: input.employeeName,
    subject: t("passport.pdf.title"),
    footer: t("passport.pdf.footer", { code: input.verifyCode }),
    pageLabel: t("pdf.pageLabel"),
    blocks,
  };
}
