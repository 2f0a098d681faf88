-- CreateEnum
CREATE TYPE "CheckInRhythm" AS ENUM ('NONE', 'WEEKLY', 'FORTNIGHTLY');

-- CreateEnum
CREATE TYPE "CheckInSharing" AS ENUM ('PRIVATE', 'PHYSICIAN', 'EMPLOYER');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "checkInRhythm" "CheckInRhythm" NOT NULL DEFAULT 'NONE';

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "energy" INTEGER NOT NULL,
    "workload" INTEGER NOT NULL,
    "planFit" INTEGER NOT NULL,
    "comment" TEXT,
    "sharing" "CheckInSharing" NOT NULL DEFAULT 'PRIVATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActualHours" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "weekStart" DATE NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,
    "recordedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActualHours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAbsence" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseAbsence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineDone" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "occurrence" INTEGER NOT NULL DEFAULT 0,
    "doneOn" DATE NOT NULL,
    "markedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineDone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CheckIn_organizationId_caseId_createdAt_idx" ON "CheckIn"("organizationId", "caseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActualHours_organizationId_caseId_weekStart_key" ON "ActualHours"("organizationId", "caseId", "weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeed_organizationId_userId_idx" ON "CalendarFeed"("organizationId", "userId");

-- CreateIndex
CREATE INDEX "CaseAbsence_organizationId_caseId_idx" ON "CaseAbsence"("organizationId", "caseId");

-- CreateIndex
CREATE INDEX "CaseEvent_organizationId_caseId_idx" ON "CaseEvent"("organizationId", "caseId");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineDone_organizationId_caseId_ruleId_occurrence_key" ON "DeadlineDone"("organizationId", "caseId", "ruleId", "occurrence");

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActualHours" ADD CONSTRAINT "ActualHours_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAbsence" ADD CONSTRAINT "CaseAbsence_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineDone" ADD CONSTRAINT "DeadlineDone_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
