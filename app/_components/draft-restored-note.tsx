// Said at the top of a form whose draft useDraftAcrossSignIn brought back after a new sign-in.
export function DraftRestoredNote({ restored }: { restored: boolean }) {
  if (!restored) return null;
  return (
    <p role="status" className="rounded border border-blue-200 bg-blue-50 p-3 text-blue-900">
      You signed in again; what you typed before has been restored. Submit it when ready.
    </p>
  );
}
