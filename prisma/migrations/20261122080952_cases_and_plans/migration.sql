-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('OWN_HEALTH', 'CARER');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('PREPARING', 'ABSENT', 'RETURNING', 'SUSTAINED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CaseStartKind" AS ENUM ('ABSENCE', 'DISCLOSURE');

-- CreateEnum
CREATE TYPE "PlanSide" AS ENUM ('EMPLOYEE', 'EMPLOYER');

-- CreateEnum
CREATE TYPE "PlanItemKind" AS ENUM ('CAPACITY', 'ADJUSTMENT', 'SCHEDULE_PHASE', 'AGREEMENT', 'REVIEW');

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "caseId" TEXT;

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" "CaseKind" NOT NULL,
    "country" "Country" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'PREPARING',
    "closedReason" TEXT,
    "employeeId" TEXT,
    "managerId" TEXT NOT NULL,
    "physicianId" TEXT,
    "openedById" TEXT NOT NULL,
    "startKind" "CaseStartKind" NOT NULL DEFAULT 'ABSENCE',
    "startDate" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanItem" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "PlanItemKind" NOT NULL,
    "content" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "proposedBySide" "PlanSide" NOT NULL,
    "proposedById" TEXT NOT NULL,
    "employeeAgreedHash" TEXT,
    "employerAgreedHash" TEXT,
    "declinedHash" TEXT,
    "declinedBySide" "PlanSide",
    "declineReason" TEXT,
    "removalProposedBySide" "PlanSide",
    "removedAt" TIMESTAMP(3),
    "lockVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "agreedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivateNote" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sharedWithPhysician" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivateNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanDigest" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "changes" INTEGER NOT NULL DEFAULT 0,
    "firstChangeAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "PlanDigest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Case_organizationId_managerId_idx" ON "Case"("organizationId", "managerId");

-- CreateIndex
CREATE INDEX "Case_organizationId_employeeId_idx" ON "Case"("organizationId", "employeeId");

-- CreateIndex
CREATE INDEX "Case_organizationId_physicianId_idx" ON "Case"("organizationId", "physicianId");

-- CreateIndex
CREATE INDEX "PlanItem_organizationId_caseId_idx" ON "PlanItem"("organizationId", "caseId");

-- CreateIndex
CREATE INDEX "PlanVersion_organizationId_caseId_idx" ON "PlanVersion"("organizationId", "caseId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_caseId_number_key" ON "PlanVersion"("caseId", "number");

-- CreateIndex
CREATE INDEX "PrivateNote_organizationId_caseId_idx" ON "PrivateNote"("organizationId", "caseId");

-- CreateIndex
CREATE INDEX "PlanDigest_sentAt_dueAt_idx" ON "PlanDigest"("sentAt", "dueAt");

-- CreateIndex
CREATE INDEX "PlanDigest_organizationId_caseId_recipientId_idx" ON "PlanDigest"("organizationId", "caseId", "recipientId");

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_physicianId_fkey" FOREIGN KEY ("physicianId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivateNote" ADD CONSTRAINT "PrivateNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanDigest" ADD CONSTRAINT "PlanDigest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
