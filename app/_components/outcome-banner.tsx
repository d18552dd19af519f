import type { ReactNode } from "react";

const tones = {
  success: "border-green-200 bg-green-50 text-green-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-800",
};

export function OutcomeBanner({ tone, message, children }: { tone: keyof typeof tones; message: string; children?: ReactNode }) {
  return (
    <p role={tone === "error" ? "alert" : "status"} className={`rounded border p-3 ${tones[tone]}`}>
      {message}
      {children}
    </p>
  );
}
