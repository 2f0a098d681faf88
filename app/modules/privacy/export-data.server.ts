import { agreementsOf } from "#app/modules/agreements/agreements.server.ts";
import { passportsOf } from "#app/modules/agreements/passport.server.ts";
import { caseViewersOf } from "#app/modules/audit/audit.server.ts";
import { activeFeedSince } from "#app/modules/calendar/feeds.server.ts";
import { type CaseRecord, findCase, partiesOf } from "#app/modules/cases/cases.server.ts";
import { consentHistory } from "#app/modules/cases/consent.server.ts";
import { listPrivateNotes } from "#app/modules/cases/private-notes.server.ts";
import { checkInsFor } from "#app/modules/checkins/checkins.server.ts";
import { localize } from "#app/modules/content/localize.ts";
import { membershipsOf } from "#app/modules/cross-organization.server.ts";
import { db } from "#app/modules/db.server.ts";
import type { Guide } from "#app/modules/guides/guides.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { adviceAsSeenBy, medicalNotesFor } from "#app/modules/physician/physician.server.ts";
import { type ItemState, statusOf } from "#app/modules/plans/agreement.ts";
import { loadHistory } from "#app/modules/plans/plans.server.ts";
import { type Actor, can, caseRole } from "#app/modules/policy/policy.ts";
import { type TenantDb, tenantDb } from "#app/modules/tenant.server.ts";

/**
 * Everything Werkpad holds about one person, for their copy (GDPR articles 15
 * and 20): what the `privacy.export` job puts in the ZIP. Read only, and
 * always as the person themselves: every part of a case goes through the same
 * policy-checked reads the pages use (their private notes, the medical notes
 * shared with them, their check-ins, their passports), so the export can show
 * no more than the app would show them.
 *
 * What is left out, on purpose (docs/decisions/0027):
 * - secrets: the password hash, token hashes, the calendar address's secret,
 *   the reminder stop link;
 * - other people: of a case only the names and parts of the people in it,
 *   and the names and roles of the colleagues who opened it;
 * - cases where the person is the manager, the physician or HR: counted, not
 *   copied. What they wrote there (plan proposals, advice, medical notes,
 *   conversation notes) is about another person, often about their health;
 *   they keep reading it in the app while they take part. Their own activity
 *   (what they did, when, from where; not on whose case) is in `activity`.
 * - what the person cannot read in the app either: medical notes the
 *   physician did not share, the employer side's conversation notes.
 */
export type ExportFile = { path: string; bytes: Uint8Array };
export type PersonalData = Awaited<ReturnType<typeof collectPersonalData>>;

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
const day = (date: Date | null | undefined) => date?.toISOString().slice(0, 10) ?? null;

export async function collectPersonalData(userId: string, now: Date) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      language: true,
      emailVerifiedAt: true,
      createdAt: true,
      passwordHash: true,
    },
  });
  const [sessions, reminders, activity, memberships] = await Promise.all([
    db.session.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, expiresAt: true, ipAddress: true, userAgent: true },
    }),
    db.reminderPreference.findUnique({
      where: { userId },
      select: { rhythm: true, lastSentOn: true, updatedAt: true },
    }),
    // What the person did themselves, from every trail; never the events' targets or details.
    db.auditEvent.findMany({
      where: { actorId: userId },
      orderBy: { at: "asc" },
      select: { at: true, action: true, ipAddress: true, userAgent: true },
    }),
    membershipsOf(userId),
  ]);
  const files: ExportFile[] = [];
  const organisations = [];
  let caseNumber = 0;
  for (const { role, organization } of memberships) {
    const tdb = tenantDb(organization.id);
    const actor: Actor = {
      userId,
      organizationId: organization.id,
      role,
      emailVerified: user.emailVerifiedAt !== null,
    };
    const [membership, feedSince, partOf] = await Promise.all([
      tdb.membership.findFirst({ where: { userId }, select: { createdAt: true } }),
      activeFeedSince(tdb, actor),
      tdb.case.findMany({
        where: { OR: [{ employeeId: userId }, { managerId: userId }, { physicianId: userId }] },
        orderBy: { createdAt: "asc" },
        select: { id: true, employeeId: true, managerId: true, physicianId: true },
      }),
    ]);
    const yourCases = [];
    const helping = { asManager: 0, asPhysician: 0 };
    for (const parties of partOf) {
      const caseRoleHere = caseRole(actor, parties);
      if (caseRoleHere === "EMPLOYEE") {
        const record = await findCase(tdb, parties.id);
        if (!record) continue;
        caseNumber += 1;
        const folder = `case-${caseNumber}`;
        const { json, caseFiles } = await ownCase(tdb, actor, record, folder, user.language);
        yourCases.push(json);
        files.push(...caseFiles);
      } else if (parties.managerId === userId && caseRoleHere === "EMPLOYER") {
        helping.asManager += 1;
      } else if (parties.physicianId === userId && caseRoleHere === "PHYSICIAN") {
        helping.asPhysician += 1;
      }
    }
    organisations.push({
      name: organization.name,
      country: organization.country,
      yourRole: role,
      memberSince: iso(membership?.createdAt),
      calendarFeed: { active: feedSince !== null, since: iso(feedSince) },
      casesWhereYouHelp: helping,
      yourCases,
    });
  }
  const data = {
    about: {
      format: "werkpad-personal-data",
      version: 1,
      madeAt: now.toISOString(),
      readme: "README.txt",
    },
    account: {
      name: user.name,
      email: user.email,
      language: user.language,
      emailConfirmedAt: iso(user.emailVerifiedAt),
      createdAt: iso(user.createdAt),
      // Whether a password is set; never the password or its hash.
      signsInWithPassword: user.passwordHash !== null,
    },
    sessions: sessions.map((session) => ({
      signedInAt: iso(session.createdAt),
      expiresAt: iso(session.expiresAt),
      ipAddress: session.ipAddress,
      userAgent: session.userAgent,
    })),
    reminderEmails: reminders
      ? {
          rhythm: reminders.rhythm,
          lastSentOn: day(reminders.lastSentOn),
          changedAt: iso(reminders.updatedAt),
        }
      : null,
    organisations,
    activity: activity.map((event) => ({
      at: iso(event.at),
      action: event.action,
      ipAddress: event.ipAddress,
      userAgent: event.userAgent,
    })),
  };
  return { data, files };
}

/**
 * One case the person is the employee of, as they may read it, and the
 * sealed PDFs that belong to it (`folder`/…).
 */
async function ownCase(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  folder: string,
  language: Language,
) {
  const parties = partiesOf(record);
  const caseId = record.id;
  const [
    statusHistory,
    absences,
    events,
    deadlinesDone,
    items,
    versions,
    privateNotes,
    consents,
    advice,
    reviews,
    medicalNotes,
    checkIns,
    hours,
    conversations,
    agreements,
    passports,
    viewers,
  ] = await Promise.all([
    tdb.caseStatusChange.findMany({
      where: { caseId },
      orderBy: { at: "asc" },
      select: { fromStatus: true, toStatus: true, at: true },
    }),
    tdb.caseAbsence.findMany({
      where: { caseId },
      orderBy: { startsOn: "asc" },
      select: { startsOn: true, endsOn: true },
    }),
    tdb.caseEvent.findMany({
      where: { caseId },
      orderBy: { on: "asc" },
      select: { event: true, on: true },
    }),
    tdb.deadlineDone.findMany({
      where: { caseId },
      orderBy: { doneOn: "asc" },
      select: { ruleId: true, occurrence: true, doneOn: true },
    }),
    tdb.planItem.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } }),
    loadHistory(tdb, caseId),
    listPrivateNotes(tdb, actor, record),
    consentHistory(tdb, actor, record),
    tdb.physicianAdvice.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } }),
    tdb.planReview.findMany({
      where: { caseId },
      orderBy: { createdAt: "asc" },
      select: { versionNumber: true, outcome: true, remarks: true, createdAt: true },
    }),
    medicalNotesFor(tdb, actor, record),
    checkInsFor(tdb, actor, record, "all"),
    tdb.actualHours.findMany({
      where: { caseId },
      orderBy: { weekStart: "asc" },
      select: { weekStart: true, hours: true },
    }),
    can(actor, "conversation.prepare", parties)
      ? tdb.conversation.findMany({
          where: { caseId },
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            guideId: true,
            guide: true,
            status: true,
            plannedFor: true,
            startsAt: true,
            heldAt: true,
            reaction: true,
            reactedAt: true,
            topics: { orderBy: { createdAt: "asc" }, select: { body: true, createdAt: true } },
            preparation: {
              where: { employeeId: actor.userId },
              select: { body: true, updatedAt: true },
            },
          },
        })
      : [],
    can(actor, "agreement.download", parties) ? agreementsOf(tdb, caseId) : [],
    passportsOf(tdb, actor, record),
    caseViewersOf(tdb, caseId),
  ]);

  // Names of the people who proposed items or signed; all of them took part in this case.
  const names = new Map<string, string>();
  for (const person of [record.employee, record.manager, record.physician])
    if (person) names.set(person.id, person.name);
  const unknown = [...new Set(items.map((item) => item.proposedById))].filter(
    (id) => !names.has(id),
  );
  if (unknown.length > 0) {
    for (const person of await db.user.findMany({
      where: { id: { in: unknown } },
      select: { id: true, name: true },
    }))
      names.set(person.id, person.name);
  }

  const caseFiles: ExportFile[] = [];
  const sealed = agreements.filter((agreement) => agreement.status === "SEALED");
  const sealedBytes = new Map(
    (sealed.length > 0
      ? await tdb.agreement.findMany({
          where: { caseId, id: { in: sealed.map((agreement) => agreement.id) } },
          select: { id: true, sealed: true },
        })
      : []
    ).map((row) => [row.id, row.sealed]),
  );
  const agreementFiles = new Map<string, string>();
  for (const agreement of sealed) {
    const bytes = sealedBytes.get(agreement.id);
    if (!bytes) continue;
    const path = `${folder}/agreement-version-${agreement.versionNumber}-signed.pdf`;
    agreementFiles.set(agreement.id, path);
    caseFiles.push({ path, bytes: new Uint8Array(bytes) });
  }
  const passportFiles = new Map<string, string>();
  if (passports && passports.length > 0) {
    const rows = await tdb.adjustmentPassport.findMany({
      where: { caseId, employeeId: actor.userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, sealed: true, createdAt: true },
    });
    rows.forEach((row, index) => {
      const path = `${folder}/adjustment-passport-${index + 1}-${day(row.createdAt)}.pdf`;
      passportFiles.set(row.id, path);
      caseFiles.push({ path, bytes: new Uint8Array(row.sealed) });
    });
  }

  // The employee reads the capacities whatever they chose to share with the employer.
  const reader = caseRole(actor, parties);
  const noConsents = { NOTES_TO_PHYSICIAN: false, CAPACITIES_TO_EMPLOYER: false };
  const json = {
    id: record.id,
    folder,
    kind: record.kind,
    country: record.country,
    status: record.status,
    closedReason: record.closedReason,
    closedAt: iso(record.closedAt),
    startKind: record.startKind,
    startDate: day(record.startDate),
    openedAt: iso(record.createdAt),
    checkInRhythm: record.checkInRhythm,
    people: [
      record.employee ? { name: record.employee.name, part: "employee" } : null,
      { name: record.manager.name, part: "manager" },
      record.physician ? { name: record.physician.name, part: "occupational physician" } : null,
    ].filter((person) => person !== null),
    statusHistory: statusHistory.map((change) => ({
      from: change.fromStatus,
      to: change.toStatus,
      at: iso(change.at),
    })),
    absences: absences.map((absence) => ({
      startsOn: day(absence.startsOn),
      endsOn: day(absence.endsOn),
    })),
    events: events.map((event) => ({ event: event.event, on: day(event.on) })),
    deadlinesDone: deadlinesDone.map((done) => ({
      rule: done.ruleId,
      occurrence: done.occurrence,
      doneOn: day(done.doneOn),
    })),
    plan: {
      items: items.map((item) => ({
        id: item.id,
        kind: item.kind,
        content: item.content,
        status: statusOf(item as ItemState).kind,
        proposedBySide: item.proposedBySide,
        proposedBy: names.get(item.proposedById) ?? null,
        declinedBySide: item.declinedBySide,
        declineReason: item.declineReason,
        createdAt: iso(item.createdAt),
        changedAt: iso(item.updatedAt),
        removedAt: iso(item.removedAt),
      })),
      versions: versions.reverse().map((version) => ({
        number: version.number,
        agreedAt: iso(version.agreedAt),
        fingerprint: version.contentHash,
        items: version.snapshot,
      })),
    },
    privateNotes: (privateNotes ?? []).reverse().map((note) => ({
      text: note.body,
      sharedWithPhysician: note.sharedWithPhysician,
      writtenAt: iso(note.createdAt),
      changedAt: iso(note.updatedAt),
    })),
    consents: (consents ?? []).reverse().map((consent) => ({
      scope: consent.scope,
      grantedAt: iso(consent.grantedAt),
      withdrawnAt: iso(consent.withdrawnAt),
    })),
    physician: {
      // Every advice, as the employee reads it.
      advice: advice
        .map((entry) => adviceAsSeenBy(entry, noConsents, reader))
        .filter((entry) => entry !== null)
        .map((entry) => ({
          capacities: entry.capacities,
          expectedDuration: entry.expectedDuration,
          advisedAdjustments: entry.advisedAdjustments,
          advisedSchedule: entry.advisedSchedule,
          nextConsultation: day(entry.nextConsultation),
          givenAt: iso(entry.createdAt),
        })),
      reviews: reviews.map((review) => ({
        version: review.versionNumber,
        outcome: review.outcome,
        remarks: review.remarks,
        at: iso(review.createdAt),
      })),
      // Only the notes the physician shared with the employee, as they read them now.
      medicalNotesSharedWithYou: (medicalNotes ?? []).reverse().map((note) => ({
        text: note.body,
        writtenAt: iso(note.createdAt),
        correctedAt: iso(note.amendedAt),
      })),
    },
    checkIns: checkIns.reverse().map((checkIn) => ({
      at: iso(checkIn.createdAt),
      energy: checkIn.energy,
      workload: checkIn.workload,
      planFit: checkIn.planFit,
      comment: checkIn.comment,
      sharedWith: checkIn.sharing,
    })),
    hoursWorked: hours.map((week) => ({ weekStarting: day(week.weekStart), hours: week.hours })),
    conversations: conversations.map((conversation) => ({
      id: conversation.id,
      guide: localize((conversation.guide as unknown as Guide).title, language),
      status: conversation.status,
      plannedFor: day(conversation.plannedFor),
      startsAt: iso(conversation.startsAt),
      heldAt: iso(conversation.heldAt),
      yourTopics: conversation.topics.map((topic) => ({
        text: topic.body,
        addedAt: iso(topic.createdAt),
      })),
      yourPreparation: conversation.preparation[0]
        ? {
            text: conversation.preparation[0].body,
            changedAt: iso(conversation.preparation[0].updatedAt),
          }
        : null,
      yourReaction: conversation.reaction,
      reactedAt: iso(conversation.reactedAt),
    })),
    agreements: agreements
      .slice()
      .reverse()
      .map((agreement) => ({
        version: agreement.versionNumber,
        status: agreement.status,
        language: agreement.language,
        fingerprint: agreement.planHash,
        preparedAt: iso(agreement.createdAt),
        sealedAt: iso(agreement.sealedAt),
        endedAt: iso(agreement.endedAt),
        declineReason: agreement.declineReason,
        signatures: agreement.signatures.map((signature) => ({
          side: signature.side,
          name: signature.typedName,
          signedAt: iso(signature.signedAt),
          method: signature.method,
        })),
        file: agreementFiles.get(agreement.id) ?? null,
      })),
    adjustmentPassports: (passports ?? []).reverse().map((passport) => ({
      madeAt: iso(passport.createdAt),
      language: passport.language,
      adjustments: passport.adjustments,
      capacities: passport.capacities,
      file: passportFiles.get(passport.id) ?? null,
    })),
    whoOpenedYourCase: viewers.map((view) => ({
      name: view.name,
      role: view.role,
      at: iso(view.at),
    })),
  };
  return { json, caseFiles };
}
