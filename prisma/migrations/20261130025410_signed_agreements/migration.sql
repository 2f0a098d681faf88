-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('AWAITING_SIGNATURES', 'SEALING', 'SEALED', 'DECLINED', 'VOID');

-- CreateEnum
CREATE TYPE "SignatureMethod" AS ENUM ('PASSWORD', 'EMAIL_CODE');

-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'SIGN_AGREEMENT';

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "planHash" TEXT NOT NULL,
    "language" "Language" NOT NULL,
    "status" "AgreementStatus" NOT NULL DEFAULT 'AWAITING_SIGNATURES',
    "document" BYTEA NOT NULL,
    "documentHash" TEXT NOT NULL,
    "sealed" BYTEA,
    "sealedHash" TEXT,
    "verifyCode" TEXT NOT NULL,
    "amendsId" TEXT,
    "endedById" TEXT,
    "declineReason" TEXT,
    "endedAt" TIMESTAMP(3),
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sealedAt" TIMESTAMP(3),

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementSignature" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "side" "PlanSide" NOT NULL,
    "typedName" TEXT NOT NULL,
    "drawing" TEXT,
    "method" "SignatureMethod" NOT NULL,
    "documentHash" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "userAgent" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgreementSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdjustmentPassport" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "language" "Language" NOT NULL,
    "sealed" BYTEA NOT NULL,
    "sealedHash" TEXT NOT NULL,
    "verifyCode" TEXT NOT NULL,
    "contents" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdjustmentPassport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningCertificate" (
    "id" TEXT NOT NULL,
    "p12" BYTEA NOT NULL,
    "password" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SigningCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_sealedHash_key" ON "Agreement"("sealedHash");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_verifyCode_key" ON "Agreement"("verifyCode");

-- CreateIndex
CREATE INDEX "Agreement_organizationId_caseId_versionNumber_idx" ON "Agreement"("organizationId", "caseId", "versionNumber");

-- CreateIndex
CREATE INDEX "Agreement_status_createdAt_idx" ON "Agreement"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_organizationId_id_key" ON "Agreement"("organizationId", "id");

-- CreateIndex
CREATE INDEX "AgreementSignature_organizationId_agreementId_idx" ON "AgreementSignature"("organizationId", "agreementId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementSignature_agreementId_side_key" ON "AgreementSignature"("agreementId", "side");

-- CreateIndex
CREATE UNIQUE INDEX "AdjustmentPassport_sealedHash_key" ON "AdjustmentPassport"("sealedHash");

-- CreateIndex
CREATE UNIQUE INDEX "AdjustmentPassport_verifyCode_key" ON "AdjustmentPassport"("verifyCode");

-- CreateIndex
CREATE INDEX "AdjustmentPassport_organizationId_caseId_idx" ON "AdjustmentPassport"("organizationId", "caseId");

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSignature" ADD CONSTRAINT "AgreementSignature_organizationId_agreementId_fkey" FOREIGN KEY ("organizationId", "agreementId") REFERENCES "Agreement"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdjustmentPassport" ADD CONSTRAINT "AdjustmentPassport_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
