import { z } from "zod";
import { isIanaZone, zonedLocalToUtc } from "@/lib/time/zones";

// A grant's end as a form sends it: a date and time on the wall clock of `untilZone` (the
// mailbox's own); empty for no end. Parsed to the instant, which must be in the future.
export const ZUntilInput = z
  .object({ until: z.string().default(""), untilZone: z.string().default("UTC") })
  .transform(({ until, untilZone }, ctx) => {
    if (!until.trim()) return { until: null, untilZone: null };
    const zone = isIanaZone(untilZone) ? untilZone : "UTC";
    const at = zonedLocalToUtc(until.trim(), zone);
    if (!at) {
      ctx.addIssue({ code: "custom", path: ["until"], message: "Enter the end as a date and a time, or leave it empty for no end." });
      return z.NEVER;
    }
    if (at.getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", path: ["until"], message: "Choose an end in the future." });
      return z.NEVER;
    }
    return { until: at, untilZone: zone };
  });
