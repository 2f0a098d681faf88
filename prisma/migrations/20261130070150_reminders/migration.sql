-- CreateEnum
CREATE TYPE "ReminderRhythm" AS ENUM ('DAILY', 'WEEKLY', 'DEADLINES_ONLY', 'NONE');

-- CreateTable
CREATE TABLE "ReminderPreference" (
    "userId" TEXT NOT NULL,
    "rhythm" "ReminderRhythm" NOT NULL DEFAULT 'DAILY',
    "unsubscribeToken" TEXT NOT NULL,
    "lastSentOn" DATE,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "ReminderSent" (
    "key" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderSent_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReminderPreference_unsubscribeToken_key" ON "ReminderPreference"("unsubscribeToken");

-- CreateIndex
CREATE INDEX "ReminderSent_sentAt_idx" ON "ReminderSent"("sentAt");

-- AddForeignKey
ALTER TABLE "ReminderPreference" ADD CONSTRAINT "ReminderPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
