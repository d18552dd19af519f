"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { startReport } from "@/lib/reports/start-report";

// The form has no fields: the report covers whatever the person's Exchange scope can read.
export const startReportAction = authorisedForm("report.build", { rateLimit: "mutation", schema: z.object({}) }, async (ctx) => {
  const { reportId, alreadyBuilding } = await startReport(ctx.user);
  ctx.revalidate("/reports");
  return { redirectTo: `/reports/${reportId}${alreadyBuilding ? "?continued=1" : ""}` };
});
