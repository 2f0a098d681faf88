import { z } from "zod";

/**
 * The "Download all my data" form: for someone with two-factor sign-in on, a
 * current code, which the account action checks (confirmSecondFactor) before
 * requestExport.
 */
export const exportRequestSchema = z.object({ secondFactorCode: z.string().max(100).optional() });
export const exportIntent = "request-export";
