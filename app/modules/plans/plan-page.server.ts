import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { consentStateOf } from "#app/modules/cases/consent.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { searchAdjustments } from "#app/modules/catalog/catalog.ts";
import { catalogueIn } from "#app/modules/catalog/view.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import {
  adviceAsSeenBy,
  reviewSelect,
  reviewsByVersion,
} from "#app/modules/physician/physician.server.ts";
import { can, caseRole } from "#app/modules/policy/policy.ts";
import type { CaseAccess } from "./case-access.server.ts";
import { namesKnownIn, planFrom, planSelect } from "./plans.server.ts";
import { adjustmentsInPlan, effectsNamedIn, suggestedAdjustments } from "./suggestions.ts";

/**
 * Everything the plan page shows, for the person asking: the case, the plan
 * with whose turn each item is, the physician's advice as this reader may
 * see it, and the catalogue with its suggestions and search results.
 */
export async function planPage(
  { member, tdb, record, side }: CaseAccess,
  options: {
    language: Language;
    query: string;
    effect: string;
    /** A form that offers the whole catalogue is open (proposing, searching): it names every adjustment and effect. */
    wholeCatalogue: boolean;
  },
) {
  const { actor } = member;
  // The plan, the physician's newest advice, the reviews and the consents in
  // force: one statement (docs/architecture.md, "The plan page").
  const [found, catalogue] = await Promise.all([
    tdb.case.findUniqueOrThrow({
      where: { id: record.id },
      select: {
        ...planSelect,
        advice: { orderBy: { createdAt: "desc" }, take: 1 },
        reviews: { orderBy: { createdAt: "asc" }, select: reviewSelect },
        consents: { where: { withdrawnAt: null }, select: { scope: true } },
      },
    }),
    loadCatalogue(),
  ]);
  const role = caseRole(actor, partiesOf(record));
  const plan = await planFrom(
    found.items,
    found.versions[0],
    namesKnownIn(record, member.user),
    found.conversations,
  );
  const advice = adviceAsSeenBy(found.advice[0] ?? null, consentStateOf(found.consents), role);
  const reviews = reviewsByVersion(found.reviews);
  const { query, effect, language } = options;
  const latest = plan.latestVersion;
  const results =
    query || effect
      ? searchAdjustments(catalogue, { query, effects: effect ? [effect] : [], language }).map(
          (adjustment) => adjustment.id,
        )
      : null;
  const suggested = suggestedAdjustments(catalogue, plan.items);
  const inPlan = adjustmentsInPlan(plan.items);
  const described = new Set([...inPlan, ...suggested, ...(results ?? [])]);
  return {
    caseView: {
      id: record.id,
      kind: record.kind,
      country: record.country,
      status: record.status,
      employeeName: record.employee?.name ?? null,
      /**
       * The employee erased their account: the case is kept, but nobody answers
       * on their side. Written here, so the plan page's scripts carry no text for it.
       */
      employeeErasedNotice: record.employee?.erasedAt
        ? serverI18n(language).t("privacy:erasedEmployee")
        : null,
      invitedEmail: record.invitedEmail,
      managerName: record.manager.name,
      physicianName: record.physician?.name ?? null,
      isEmployee: role === "EMPLOYEE",
      isPhysician: role === "PHYSICIAN",
    },
    viewerId: actor.userId,
    /** A conversation the employee can prepare for, if one is planned. */
    plannedConversation:
      role === "EMPLOYEE"
        ? (found.conversations.find((conversation) => conversation.status === "PLANNED")?.id ??
          null)
        : null,
    advice,
    latestReview: latest ? (reviews[latest.number] ?? null) : null,
    side,
    mayManage: can(actor, "case.manage", partiesOf(record)),
    plan,
    catalogue: catalogueIn(catalogue, language, {
      name: options.wholeCatalogue
        ? undefined
        : new Set([...described, ...(advice?.advisedAdjustments ?? [])]),
      effects: options.wholeCatalogue ? undefined : effectsNamedIn(plan.items),
      describe: described,
    }),
    search: { query, effect, results },
    suggested,
    adjustmentsInPlan: [...inPlan],
  };
}
