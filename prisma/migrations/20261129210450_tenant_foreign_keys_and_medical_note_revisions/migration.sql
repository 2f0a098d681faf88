/*
  Warnings:

  - A unique constraint covering the columns `[organizationId,id]` on the table `Case` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[organizationId,id]` on the table `MedicalNote` will be added. If there are existing duplicate values, this will fail.

*/
-- DropForeignKey
ALTER TABLE "Consent" DROP CONSTRAINT "Consent_caseId_fkey";

-- DropForeignKey
ALTER TABLE "Invitation" DROP CONSTRAINT "Invitation_caseId_fkey";

-- DropForeignKey
ALTER TABLE "MedicalNote" DROP CONSTRAINT "MedicalNote_caseId_fkey";

-- DropForeignKey
ALTER TABLE "PhysicianAdvice" DROP CONSTRAINT "PhysicianAdvice_caseId_fkey";

-- DropForeignKey
ALTER TABLE "PlanDigest" DROP CONSTRAINT "PlanDigest_caseId_fkey";

-- DropForeignKey
ALTER TABLE "PlanItem" DROP CONSTRAINT "PlanItem_caseId_fkey";

-- DropForeignKey
ALTER TABLE "PlanReview" DROP CONSTRAINT "PlanReview_caseId_fkey";

-- DropForeignKey
ALTER TABLE "PlanVersion" DROP CONSTRAINT "PlanVersion_caseId_fkey";

-- DropForeignKey
ALTER TABLE "PrivateNote" DROP CONSTRAINT "PrivateNote_caseId_fkey";

-- AlterTable
ALTER TABLE "MedicalNote" ADD COLUMN     "amendedAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MedicalNoteRevision" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "noteId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "replacedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MedicalNoteRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MedicalNoteRevision_organizationId_noteId_idx" ON "MedicalNoteRevision"("organizationId", "noteId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_organizationId_id_key" ON "Case"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "MedicalNote_organizationId_id_key" ON "MedicalNote"("organizationId", "id");

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivateNote" ADD CONSTRAINT "PrivateNote_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanDigest" ADD CONSTRAINT "PlanDigest_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhysicianAdvice" ADD CONSTRAINT "PhysicianAdvice_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MedicalNote" ADD CONSTRAINT "MedicalNote_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MedicalNoteRevision" ADD CONSTRAINT "MedicalNoteRevision_organizationId_noteId_fkey" FOREIGN KEY ("organizationId", "noteId") REFERENCES "MedicalNote"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanReview" ADD CONSTRAINT "PlanReview_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
