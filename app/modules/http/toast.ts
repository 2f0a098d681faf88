import { z } from "zod";

/** A message an action leaves for the next page: a translation key and its values. */
export const toastSchema = z.object({
  kind: z.enum(["success", "error", "info"]),
  message: z.string().max(200),
  values: z.record(z.string(), z.string().max(200)).optional(),
});
export type Toast = z.infer<typeof toastSchema>;
