import { z } from "zod";
import { requiredText } from "#app/modules/validation.ts";

/** The employee's note form, shared by the browser and the server. */
export const privateNoteMaxLength = 4000;

export const privateNoteSchema = z.object({
  body: requiredText(privateNoteMaxLength),
  share: z
    .string()
    .optional()
    .transform((value) => value === "on"),
});
