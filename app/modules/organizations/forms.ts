import { z } from "zod";
import type { Role } from "#app/generated/prisma/enums.ts";
import { requiredChoice, requiredText } from "#app/modules/validation.ts";

/**
 * The owners' forms on /organization, shared by the browser and the server.
 * Both change who may do what, so both carry the step-up code of someone
 * with two-factor sign-in on (checked by the action with confirmSecondFactor).
 */
const secondFactorCode = z.string().max(100).optional();
/** The roles an owner may take when handing ownership over (never a physician: they stay independent). */
export const rolesAfterHandover = ["HR", "MANAGER", "EMPLOYEE"] as const satisfies readonly Role[];

export const transferSchema = z.object({
  newOwner: z
    .string({ error: "organization:transfer.chooseMember" })
    .trim()
    .min(1, "organization:transfer.chooseMember")
    .max(100, "organization:transfer.chooseMember"),
  ownRole: requiredChoice(rolesAfterHandover),
  confirm: z.literal("on", { error: "organization:transfer.confirmRequired" }),
  secondFactorCode,
});

export const deletionSchema = z.object({
  confirmName: requiredText(200),
  secondFactorCode,
});
