import type { z } from "zod";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { consentStateOf } from "#app/modules/cases/consent.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { catalogueIn } from "#app/modules/catalog/view.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import type { CaseAccess } from "#app/modules/plans/case-access.server.ts";
import { caseRole } from "#app/modules/policy/policy.ts";
import type { Refusal, Result } from "#app/modules/result.ts";
import {
  adviceSchema,
  amendMedicalNoteSchema,
  medicalNoteSchema,
  reviewSchema,
  withdrawMedicalNoteSchema,
} from "./forms.ts";
import {
  adviceAsSeenBy,
  amendMedicalNote,
  giveAdvice,
  medicalNotesFor,
  reviewSelect,
  reviewsByVersion,
  reviewVersion,
  sharedPrivateNotes,
  withdrawMedicalNote,
  writeMedicalNote,
} from "./physician.server.ts";

/** What the physician's workspace shows: the case, the newest advice, reviews and both kinds of notes. */
export async function physicianWorkspace({ member, tdb, record }: CaseAccess, language: Language) {
  const { actor } = member;
  const [found, medicalNotes, catalogue] = await Promise.all([
    tdb.case.findUniqueOrThrow({
      where: { id: record.id },
      select: {
        versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
        advice: { orderBy: { createdAt: "desc" }, take: 1 },
        reviews: { orderBy: { createdAt: "asc" }, select: reviewSelect },
        consents: { where: { withdrawnAt: null }, select: { scope: true } },
      },
    }),
    medicalNotesFor(tdb, actor, record),
    loadCatalogue(),
  ]);
  const consents = consentStateOf(found.consents);
  const employeeNotes = await sharedPrivateNotes(tdb, actor, record, consents);
  const advice = adviceAsSeenBy(
    found.advice[0] ?? null,
    consents,
    caseRole(actor, partiesOf(record)),
  );
  return {
    caseId: record.id,
    name: record.employee?.name ?? record.invitedEmail ?? "",
    latestVersion: found.versions[0]?.number ?? null,
    advice,
    /** Whether the employer reads the capacities part of the advice now (the employee's choice). */
    capacitiesShared: consents.CAPACITIES_TO_EMPLOYER,
    reviews: reviewsByVersion(found.reviews),
    medicalNotes: medicalNotes ?? [],
    employeeNotes: employeeNotes ?? [],
    catalogue: catalogueIn(catalogue, language),
  };
}

type Save<S extends z.ZodType> = (
  access: CaseAccess,
  value: z.output<S>,
  client: Client,
) => Promise<Result<undefined, Refusal>>;

function form<S extends z.ZodType>(schema: S, save: Save<S>, saved: string) {
  return { schema, save, saved };
}

/**
 * The workspace's forms by intent: how each is validated, what saving it
 * does, and what the physician is told afterwards. Refusals other than
 * "forbidden" and "not-found" are shown as `physician:refusals.<reason>`.
 */
export const physicianForms = {
  advice: form(
    adviceSchema,
    ({ member, tdb, record }, value, client) =>
      giveAdvice(tdb, member.actor, record, value, client),
    "physician:workspace.adviceSaved",
  ),
  review: form(
    reviewSchema,
    ({ member, tdb, record }, value, client) =>
      reviewVersion(tdb, member.actor, record, value, client),
    "physician:workspace.reviewSaved",
  ),
  "medical-note": form(
    medicalNoteSchema,
    ({ member, tdb, record }, value, client) =>
      writeMedicalNote(
        tdb,
        member.actor,
        record,
        { body: value.body, sharedWithEmployee: value.shareWithEmployee },
        client,
      ),
    "physician:workspace.medicalSaved",
  ),
  "amend-medical-note": form(
    amendMedicalNoteSchema,
    ({ member, tdb, record }, value, client) =>
      amendMedicalNote(
        tdb,
        member.actor,
        record,
        { noteId: value.noteId, body: value.body, sharedWithEmployee: value.shareWithEmployee },
        client,
      ),
    "physician:workspace.amended",
  ),
  "withdraw-medical-note": form(
    withdrawMedicalNoteSchema,
    ({ member, tdb, record }, value, client) =>
      withdrawMedicalNote(tdb, member.actor, record, value.noteId, client),
    "physician:workspace.withdrawn",
  ),
};
