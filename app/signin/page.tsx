import { redirect } from "next/navigation";
import { getUser } from "@/lib/auth/session";
import { toSameOriginPath } from "@/lib/security/same-origin-redirect";
import { SignInButton } from "./sign-in-button";

export const metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  OAuthCallback: "Microsoft Entra ID did not complete the sign-in. Try again.",
  OAuthSignin: "The sign-in could not be started. Check that ExoDesk can reach Microsoft Entra ID.",
  Callback: "The sign-in could not be completed. Try again.",
  AccessDenied: "Access was denied.",
  RateLimited: "Too many sign-ins were started from your network in the last few minutes. Wait a few minutes, then try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  // Only a path on this portal: never an open redirect ("//host", "/\\host", "https://host" …).
  const callbackUrl = toSameOriginPath(params.callbackUrl);
  // Someone still signed in here whom Microsoft wants to see again (reauth) must get the button.
  if (!params.error && !params.reauth && (await getUser())) redirect(callbackUrl);
  const error = params.error ? (errors[params.error] ?? "The sign-in did not work. Try again.") : null;
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">ExoDesk</h1>
      <p className="mt-2 text-slate-600">
        Change automatic replies and mailbox delegates with your own Microsoft account. Exchange decides what you may change.
      </p>
      {params.reauth && !error && (
        <p role="status" className="mt-4 rounded border border-amber-200 bg-amber-50 p-3 text-amber-900">
          Microsoft asks you to sign in again before ExoDesk can act for you.
        </p>
      )}
      {error && (
        <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
      <SignInButton callbackUrl={callbackUrl} />
    </main>
  );
}
