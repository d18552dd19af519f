import type { ReactNode } from "react";

const tones = {
  success: "border-green-200 bg-green-50 text-green-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-800",
};

type TOutcomeBannerProps = { tone: keyof typeof tones; message: string; warnings?: string[]; children?: ReactNode; takeFocus?: boolean };

// `takeFocus`: the banner replaces the form whose button was pressed, so it takes the focus,
// and a keyboard or screen reader user is where the news is.
function focusOnMount(element: HTMLDivElement | null) {
  element?.focus();
}

// What happened, Exchange's own warnings (e.g. "already present") and a link to the details.
export function OutcomeBanner({ tone, message, warnings = [], children, takeFocus = false }: TOutcomeBannerProps) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded border p-3 ${tones[tone]}`}
      ref={takeFocus ? focusOnMount : undefined} tabIndex={takeFocus ? -1 : undefined}>
      <p>
        {message}
        {children}
      </p>
      {warnings.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {warnings.map((w) => (
            <li key={w}>Exchange noted: {w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
