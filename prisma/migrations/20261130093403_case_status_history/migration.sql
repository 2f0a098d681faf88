-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "closedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CaseStatusChange" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "fromStatus" "CaseStatus",
    "toStatus" "CaseStatus" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseStatusChange_organizationId_caseId_at_idx" ON "CaseStatusChange"("organizationId", "caseId", "at");

-- AddForeignKey
ALTER TABLE "CaseStatusChange" ADD CONSTRAINT "CaseStatusChange_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing cases: their current status is the history we know, and a closed case
-- counts as closed since its last change.
UPDATE "Case" SET "closedAt" = "updatedAt" WHERE "status" = 'CLOSED';
INSERT INTO "CaseStatusChange" ("id", "organizationId", "caseId", "fromStatus", "toStatus", "at")
SELECT 'backfill-' || "id", "organizationId", "id", NULL, "status", "createdAt" FROM "Case";
