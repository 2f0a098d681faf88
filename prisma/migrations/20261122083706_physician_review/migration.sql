-- CreateEnum
CREATE TYPE "ReviewOutcome" AS ENUM ('REVIEWED', 'CONCERNS');

-- CreateEnum
CREATE TYPE "ConsentScope" AS ENUM ('NOTES_TO_PHYSICIAN', 'CAPACITIES_TO_EMPLOYER');

-- CreateTable
CREATE TABLE "PhysicianAdvice" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "physicianId" TEXT NOT NULL,
    "capacities" TEXT NOT NULL,
    "expectedDuration" TEXT,
    "advisedAdjustments" TEXT[],
    "advisedSchedule" TEXT,
    "nextConsultation" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhysicianAdvice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MedicalNote" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "physicianId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sharedWithEmployee" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MedicalNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanReview" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "physicianId" TEXT NOT NULL,
    "outcome" "ReviewOutcome" NOT NULL,
    "remarks" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "scope" "ConsentScope" NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PhysicianAdvice_organizationId_caseId_idx" ON "PhysicianAdvice"("organizationId", "caseId");

-- CreateIndex
CREATE INDEX "MedicalNote_organizationId_caseId_idx" ON "MedicalNote"("organizationId", "caseId");

-- CreateIndex
CREATE INDEX "PlanReview_organizationId_caseId_versionNumber_idx" ON "PlanReview"("organizationId", "caseId", "versionNumber");

-- CreateIndex
CREATE INDEX "Consent_organizationId_caseId_scope_idx" ON "Consent"("organizationId", "caseId", "scope");

-- AddForeignKey
ALTER TABLE "PhysicianAdvice" ADD CONSTRAINT "PhysicianAdvice_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MedicalNote" ADD CONSTRAINT "MedicalNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanReview" ADD CONSTRAINT "PlanReview_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
