import { describeProgress, type TReportProgress } from "@/lib/reports/load-report";

const TONE = { BUILDING: "bg-amber-100 text-amber-900", READY: "bg-green-100 text-green-900", FAILED: "bg-red-100 text-red-900" } as const;
const LABEL = { BUILDING: "Building", READY: "Ready", FAILED: "Failed" } as const;

export function ReportStatusBadge({ status }: { status: keyof typeof TONE }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONE[status]}`}>{LABEL[status]}</span>;
}

export function describeReportProgress(p: TReportProgress): string {
  const { done, percent } = describeProgress(p);
  if (p.total === null) return "Listing the mailboxes…";
  const failed = p.failed > 0 ? `, ${p.failed.toLocaleString("en")} could not be read` : "";
  return `${done.toLocaleString("en")} of ${p.total.toLocaleString("en")} mailboxes read (${percent ?? 0} %)${failed}`;
}
