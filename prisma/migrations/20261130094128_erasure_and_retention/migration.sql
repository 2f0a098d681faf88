-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "retentionWarnedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "caseRetentionMonths" INTEGER;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ErasureRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "emailHash" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" JSONB NOT NULL,
    "receiptHash" TEXT NOT NULL,

    CONSTRAINT "ErasureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ErasureRequest_receiptHash_key" ON "ErasureRequest"("receiptHash");

-- CreateIndex
CREATE INDEX "ErasureRequest_emailHash_idx" ON "ErasureRequest"("emailHash");
