// Starting a sign-in and signing out from the browser, as next-auth's own client does them
// (next-auth/react, v4): a CSRF token from /api/auth/csrf, POSTed with the callback URL and
// json=true to /api/auth/signin/<provider> or /api/auth/signout, and the answer's `url` is where
// to go next. These two calls are all ExoDesk uses of that client, which (with the Babel runtime it
// brings) weighed about 9 kB gzip on every portal page.
const BASE = "/api/auth";

type TAnswer = { url?: string; error?: string };

async function post(path: string, callbackUrl: string): Promise<TAnswer> {
  const { csrfToken } = (await (await fetch(`${BASE}/csrf`)).json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  return (await res.json().catch(() => ({}))) as TAnswer;
}

function go(url: string): void {
  window.location.href = url;
  if (url.includes("#")) window.location.reload();
}

// Sends the person to Microsoft's sign-in, and back to `callbackUrl` afterwards.
export async function signIn(callbackUrl: string): Promise<void> {
  const { url } = await post("signin/entra", callbackUrl);
  go(url ?? callbackUrl);
}

// Ends this session, then goes to `callbackUrl`; with `{ redirect: false }` it only answers where
// to go (or why the session could not be ended).
export async function signOut(callbackUrl: string, options: { redirect: false }): Promise<TAnswer>;
export async function signOut(callbackUrl: string): Promise<void>;
export async function signOut(callbackUrl: string, options?: { redirect: false }): Promise<TAnswer | void> {
  const answer = await post("signout", callbackUrl);
  if (options?.redirect === false) return answer;
  go(answer.url ?? callbackUrl);
}
