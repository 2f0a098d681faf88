-- One job queue for all background work (docs/decisions/0013). E-mails become
-- jobs; OutboxMessage stays as the record of each rendered e-mail and belongs
-- to the job that rendered it.

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'DEAD');

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "summary" JSONB,
    "key" TEXT,
    "organizationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- Messages written by the old outbox keep their record: each gets an ended job
-- (sent or waiting: done; failed: dead) with its attempts and last error.
-- A message still waiting to be sent is not sent by the new worker.
INSERT INTO "Job" ("id", "kind", "status", "attempts", "lastError", "summary", "organizationId", "runAt", "createdAt", "finishedAt")
SELECT "id", 'email',
       (CASE WHEN "status" = 'FAILED' THEN 'DEAD' ELSE 'DONE' END)::"JobStatus",
       "attempts", "lastError",
       jsonb_build_object('template', "kind", 'to', "to"),
       "organizationId", "nextAttemptAt", "createdAt", COALESCE("sentAt", "createdAt")
FROM "OutboxMessage";

-- DropIndex
DROP INDEX "OutboxMessage_status_nextAttemptAt_idx";

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "jobId" TEXT;
UPDATE "OutboxMessage" SET "jobId" = "id";
ALTER TABLE "OutboxMessage" ALTER COLUMN "jobId" SET NOT NULL,
DROP COLUMN "attempts",
DROP COLUMN "lastError",
DROP COLUMN "nextAttemptAt";

-- CreateIndex
CREATE UNIQUE INDEX "Job_key_key" ON "Job"("key");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "Job_organizationId_status_idx" ON "Job"("organizationId", "status");

-- CreateIndex
CREATE INDEX "Job_finishedAt_idx" ON "Job"("finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_jobId_key" ON "OutboxMessage"("jobId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
