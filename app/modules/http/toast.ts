import { z } from "zod";

/**
 * A message an action leaves for the next page: a translation key and its
 * values, and the id of the element that changed, where keyboard focus goes
 * (see components/ui/focus-target.tsx).
 */
export const toastSchema = z.object({
  kind: z.enum(["success", "error", "info"]),
  message: z.string().max(200),
  values: z.record(z.string(), z.string().max(200)).optional(),
  focus: z
    .string()
    .regex(/^[\w-]{1,100}$/)
    .optional(),
});
export type Toast = z.infer<typeof toastSchema>;
