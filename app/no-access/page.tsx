import { SignOutButton } from "@/app/_components/sign-out-button";
import { getUser } from "@/lib/auth/session";

export const metadata = { title: "No access" };

export default async function NoAccessPage() {
  const user = await getUser();
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      {user && user.roles.length > 0 ? (
        <>
          <h1 className="text-2xl font-semibold">This page is not part of your role</h1>
          <p className="mt-3 text-slate-700">
            You are signed in as {user.upn} with the ExoDesk role{user.roles.length > 1 ? "s" : ""} {user.roles.join(", ")}, which
            does not include this page. If you need it, ask your Entra ID administrator for the matching ExoDesk role.
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">You have no access to ExoDesk</h1>
          <p className="mt-3 text-slate-700">
            {user ? `You are signed in as ${user.upn}, ` : "Your account "}
            but it has none of ExoDesk&apos;s roles (Helpdesk, Approver, Auditor or Admin). Ask your Entra ID administrator to
            assign you one in the ExoDesk enterprise application, then sign in again.
          </p>
        </>
      )}
      {user && <SignOutButton className="mt-6" />}
    </main>
  );
}
