import { strToU8, type Zippable, zipSync } from "fflate";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { db, type Tx } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import type { JobContext } from "#app/modules/jobs/worker.server.ts";
import { log } from "#app/modules/log.server.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import { lockFor } from "#app/modules/tenant.server.ts";
import { collectPersonalData } from "./export-data.server.ts";
import { exportReadme } from "./readme.server.ts";

/**
 * A person's copy of their data (GDPR articles 15 and 20), asked for on the
 * account page (docs/decisions/0027):
 *
 *   requestExport ──▶ PREPARING ──`privacy.export` job──▶ READY ──7 days──▶ deleted
 *                         └──the job dies──▶ FAILED (they may ask again)
 *
 * One request is open at a time. The job puts one ZIP together
 * (werkpad-export.json, README.txt, the sealed PDFs), keeps its bytes in the
 * row and e-mails a link. The link opens nothing by itself: the download
 * needs the export's owner signed in, and stops when it expires; housekeeping
 * (the `jobs.purge` job) deletes the row then. Asking and downloading are
 * audited in the account chain.
 */
export const exportDays = 7;
const dayMs = 86_400_000;

export type ExportRefusal = "already-preparing";

export async function requestExport(
  userId: string,
  client: Client,
): Promise<Result<{ exportId: string }, Refusal<ExportRefusal>>> {
  return db.$transaction(async (tx) => {
    // Two clicks at once: the second waits here, then finds the first.
    await lockFor(tx, `data-export:${userId}`);
    const open = await tx.dataExport.findFirst({
      where: { userId, status: "PREPARING" },
      select: { id: true },
    });
    if (open) return refused("already-preparing");
    const { id } = await tx.dataExport.create({ data: { userId }, select: { id: true } });
    const jobId = await enqueue(tx, "privacy.export", { exportId: id });
    await tx.dataExport.update({ where: { id }, data: { jobId } });
    await recordAudit(tx, {
      actorId: userId,
      action: "privacy.export_requested",
      targetType: "User",
      targetId: userId,
      ...client,
    });
    return done({ exportId: id });
  });
}

/** The person's newest export as the account page shows it; an expired one is as good as gone. */
export async function latestExportOf(userId: string, now = new Date()) {
  const latest = await db.dataExport.findFirst({
    where: { userId },
    orderBy: { requestedAt: "desc" },
    select: {
      id: true,
      status: true,
      requestedAt: true,
      readyAt: true,
      expiresAt: true,
      size: true,
    },
  });
  if (!latest || (latest.expiresAt && latest.expiresAt <= now)) return null;
  return latest;
}

export function exportLink(exportId: string): string {
  return `${env().APP_URL}/account/export/${exportId}`;
}

/** The file name of a download: the day it was made, never a name. */
export function exportFileName(readyAt: Date): string {
  return `werkpad-export-${readyAt.toISOString().slice(0, 10)}.zip`;
}

/**
 * The job: reads everything about the person, zips it, stores it and e-mails
 * the link, in one transaction. Run again after a crash, it finds the export
 * ready (or gone) and does nothing.
 */
export async function buildExport(payload: { exportId: string }, job: JobContext): Promise<void> {
  const wanted = await db.dataExport.findUnique({
    where: { id: payload.exportId },
    select: { userId: true, status: true },
  });
  if (wanted?.status !== "PREPARING") return;
  const started = performance.now();
  const now = job.now();
  const { data, files } = await collectPersonalData(wanted.userId, now);
  const language = data.account.language;
  const readme = exportReadme(language, {
    name: data.account.name,
    madeAt: now,
    folders: files.map((file) => file.path),
    helps: data.organisations.some(
      (organisation) =>
        organisation.casesWhereYouHelp.asManager + organisation.casesWhereYouHelp.asPhysician > 0,
    ),
  });
  const entries: Zippable = {
    "README.txt": strToU8(readme),
    "werkpad-export.json": strToU8(`${JSON.stringify(data, null, 2)}\n`),
  };
  // PDFs are compressed already: stored as they are, byte for byte.
  for (const file of files) entries[file.path] = [file.bytes, { level: 0 }];
  const zip = zipSync(entries, { level: 6, mtime: now });
  const expiresAt = new Date(now.getTime() + exportDays * dayMs);
  await db.$transaction(async (tx) => {
    const { count } = await tx.dataExport.updateMany({
      where: { id: payload.exportId, status: "PREPARING" },
      data: { status: "READY", zip, size: zip.byteLength, readyAt: now, expiresAt },
    });
    if (count !== 1) return;
    // One copy at a time: the new one replaces the ones before it.
    await tx.dataExport.deleteMany({
      where: { userId: wanted.userId, id: { not: payload.exportId }, status: { not: "PREPARING" } },
    });
    await enqueue(tx, "email", {
      template: "data-export",
      to: data.account.email,
      language,
      props: {
        name: data.account.name,
        link: exportLink(payload.exportId),
        // The last whole day it works (it stops at the moment it was made, 7 days on).
        expiresOn: new Date(expiresAt.getTime() - dayMs).toISOString().slice(0, 10),
      },
    });
  });
  log.info("data export ready", {
    exportId: payload.exportId,
    bytes: zip.byteLength,
    files: files.length + 2,
    ms: Math.round(performance.now() - started),
  });
}

/** The job gave up: the export failed, so the person may ask again. */
export async function exportJobDied(job: Pick<JobContext, "id">, tx: Tx): Promise<void> {
  await tx.dataExport.updateMany({
    where: { jobId: job.id, status: "PREPARING" },
    data: { status: "FAILED" },
  });
}

/**
 * The ZIP, for its owner while it lasts. Anyone else, an unknown id, one not
 * ready yet or expired: "not-found" (the route answers 404 to each alike).
 */
export async function downloadExport(
  userId: string,
  exportId: string,
  client: Client,
  now = new Date(),
): Promise<Result<{ bytes: Uint8Array; fileName: string }, Refusal<"not-found">>> {
  const found = await db.dataExport.findFirst({
    where: { id: exportId, userId, status: "READY", expiresAt: { gt: now } },
    select: { zip: true, readyAt: true },
  });
  if (!found?.zip || !found.readyAt) return refused("not-found");
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: userId,
      action: "privacy.export_downloaded",
      targetType: "User",
      targetId: userId,
      ...client,
    }),
  );
  return done({ bytes: new Uint8Array(found.zip), fileName: exportFileName(found.readyAt) });
}

/**
 * Housekeeping: exports past their 7 days go, bytes and all; so do failed
 * requests after as long.
 */
export async function purgeExpiredExports(now = new Date()): Promise<number> {
  const { count } = await db.dataExport.deleteMany({
    where: {
      OR: [
        { expiresAt: { lte: now } },
        { status: "FAILED", requestedAt: { lt: new Date(now.getTime() - exportDays * dayMs) } },
      ],
    },
  });
  if (count > 0) log.info("expired data exports deleted", { count });
  return count;
}
