import { escapeHtml } from "../http";
import type { DirectoryUser } from "../tenant/model";

// The HTML Entra shows: the account picker, error pages, the signed-out page, and the
// self-submitting form of response_mode=form_post.

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0;color:#1b1b1b}
main{max-width:34rem;margin:3rem auto;background:#fff;padding:2rem 2.5rem;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.5rem;font-weight:600;margin:0 0 1rem}
h2{font-size:1rem;margin:1.5rem 0 .5rem}
ul{list-style:none;padding:0;margin:0}
li{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding:.6rem 0;border-top:1px solid #e6e6e6}
.who{display:flex;flex-direction:column}
.who span:last-child{color:#505050;font-size:.875rem}
button{font:inherit;font-size:.875rem;padding:.4rem .8rem;border:1px solid #0067b8;background:#fff;color:#0067b8;cursor:pointer}
button:hover,button:focus-visible{background:#0067b8;color:#fff;outline:2px solid #1b1b1b;outline-offset:2px}
.hint{background:#eef6fc}
.error{white-space:pre-wrap;font-family:Consolas,monospace;font-size:.875rem;background:#fdf3f4;padding:1rem}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function userItem(user: DirectoryUser, hinted: boolean): string {
  const upn = escapeHtml(user.userPrincipalName);
  return `<li${hinted ? ' class="hint"' : ""}>
<span class="who"><span>${escapeHtml(user.displayName)}</span><span>${upn}</span></span>
<button type="submit" name="login" value="${upn}">Sign in as ${upn}</button>
</li>`;
}

export function renderSignInPage(p: {
  action: string;
  requestId: string;
  tenantName: string;
  demoUsers: DirectoryUser[];
  otherUsers: DirectoryUser[];
  loginHint: string | undefined;
}): string {
  const hint = p.loginHint?.toLowerCase();
  const items = (users: DirectoryUser[]) => users.map((u) => userItem(u, u.userPrincipalName.toLowerCase() === hint)).join("\n");
  return layout(
    "Sign in to your account",
    `<h1>Pick an account</h1>
<p>Microsoft 365 emulator: ${escapeHtml(p.tenantName)}. No password is asked; choose who signs in.</p>
<form method="post" action="${escapeHtml(p.action)}">
<input type="hidden" name="ctx" value="${escapeHtml(p.requestId)}">
<h2 id="demo-accounts">Demo accounts</h2>
<ul aria-labelledby="demo-accounts">
${items(p.demoUsers)}
</ul>
<h2 id="other-accounts">Other accounts</h2>
<ul aria-labelledby="other-accounts">
${items(p.otherUsers)}
</ul>
</form>`,
  );
}

export function renderErrorPage(title: string, description: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert" class="error">${escapeHtml(description)}</p>`);
}

export function renderSignedOutPage(): string {
  return layout("Signed out", "<h1>You signed out of your account</h1>\n<p>It's a good idea to close all browser windows.</p>");
}

export function renderFormPost(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("\n");
  return layout(
    "Working...",
    `<form method="post" action="${escapeHtml(action)}" id="response">
${inputs}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script>document.getElementById("response").submit()</script>`,
  );
}
