const styles: Record<string, string> = {
  SUCCEEDED: "bg-green-100 text-green-900",
  FAILED: "bg-red-100 text-red-900",
  OUTCOME_UNKNOWN: "bg-amber-100 text-amber-900",
  EXECUTING: "bg-blue-100 text-blue-900",
};

const labels: Record<string, string> = {
  QUEUED: "Queued",
  PENDING_APPROVAL: "Waiting for approval",
  APPROVED: "Approved",
  EXECUTING: "Running",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  OUTCOME_UNKNOWN: "Outcome unknown",
  REJECTED: "Rejected",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
};

export function StatusBadge({ status, verification }: { status: string; verification: string | null }) {
  const suffix = status === "SUCCEEDED" ? (verification === "VERIFIED" ? " · verified" : verification === "DRIFTED" ? " · drifted" : " · not verified") : "";
  return (
    <span data-testid="request-status" className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${styles[status] ?? "bg-slate-100 text-slate-800"}`}>
      {labels[status] ?? status}
      {suffix}
    </span>
  );
}
