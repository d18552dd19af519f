import { describeStatus, type TRequestStatus, type TStatusTone } from "@/lib/workflow/request-status";

const styles: Record<TStatusTone, string> = {
  success: "bg-green-100 text-green-900",
  error: "bg-red-100 text-red-900",
  warning: "bg-amber-100 text-amber-900",
  active: "bg-blue-100 text-blue-900",
  neutral: "bg-slate-100 text-slate-800",
};

export function StatusBadge({ status, verification }: { status: TRequestStatus; verification: string | null }) {
  const { label, tone } = describeStatus(status);
  const suffix = status === "SUCCEEDED" ? (verification === "VERIFIED" ? " · verified" : verification === "DRIFTED" ? " · drifted" : " · not verified") : "";
  return (
    <span data-testid="request-status" className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${styles[tone]}`}>
      {label}
      {suffix}
    </span>
  );
}
