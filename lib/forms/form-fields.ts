import { z } from "zod";

// Schemas for the values a form posts, for the schema each server action declares
// (lib/action/authorised.ts). An empty text box still posts "", but a crafted post may leave a field
// out: that reads as empty, as the form would have sent it.
export const ZFormText = z.string().default("");

// A ticked checkbox posts "on"; an unticked one posts nothing.
export const ZCheckbox = z.unknown().optional().transform((value) => value === "on");
