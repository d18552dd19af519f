import sanitizeHtml from "sanitize-html";
import { sanitizeMessageHtml } from "./message-html";

// A message shown inside the portal (Exchange's stored auto-reply) must never take the portal's
// own tab elsewhere: an auto-reply saying "your session expired, sign in again" with a link is
// phishing aimed at the helpdesk. So, on top of the sanitiser that guards what is sent:
// - a link survives only as an absolute http, https or mailto URL (as a browser would read it,
//   so "https:host" becomes "https://host/"); it opens in a new tab without an opener or a
//   referrer, and its real destination is printed after its text;
// - anything else ("\\host", "//host", relative paths, other schemes, a user name before the
//   host) becomes plain text.
const LINK_SCHEMES = new Set(["http:", "https:", "mailto:"]);

// The absolute URL a link really leads to, or null when it is not one to offer.
export function linkDestination(href: string | undefined): string | null {
  if (!href) return null;
  // Browsers strip these before reading a URL; so does the URL parser, but say it explicitly.
  const trimmed = href.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  // No base URL: whatever would be resolved against the portal's own address is refused.
  if (!URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  if (!LINK_SCHEMES.has(url.protocol)) return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  // "https://login.microsoftonline.com@evil.example/" leads to evil.example while its printed
  // form starts with a name people trust: a link with a user name or password is not offered.
  if (url.username || url.password) return null;
  return url.href;
}

const DESTINATION_ATTRIBUTE = "data-exodesk-destination";

function rewriteLinks(safeHtml: string): string {
  return sanitizeHtml(safeHtml, {
    allowedTags: false,
    allowedAttributes: false,
    // The input is already sanitised; this pass only rewrites links.
    allowVulnerableTags: true,
    transformTags: {
      a: (_tag, attribs): sanitizeHtml.Tag => {
        const destination = linkDestination(attribs.href);
        if (!destination) return { tagName: "span", attribs: {} };
        return {
          tagName: "a",
          attribs: { href: destination, target: "_blank", rel: "noopener noreferrer", [DESTINATION_ATTRIBUTE]: destination },
        };
      },
    },
  });
}

const ANCHOR_TAG = /<a\s[^>]*>|<\/a>/g;
const DESTINATION_IN_TAG = new RegExp(`${DESTINATION_ATTRIBUTE}="([^"]*)"`);

// Prints each link's destination after its text. The input is sanitize-html's output, where
// "<" and ">" inside text and attribute values are escaped, so every match is a real tag.
// Nested links (which a browser would split) are folded into the outer one.
function printDestinations(html: string): string {
  let depth = 0;
  let destination = "";
  return html.replace(ANCHOR_TAG, (tag) => {
    if (tag !== "</a>") {
      depth++;
      if (depth > 1) return "";
      destination = DESTINATION_IN_TAG.exec(tag)?.[1] ?? "";
      return tag.replace(DESTINATION_IN_TAG, "").replace(/\s+>$/, ">");
    }
    if (depth === 0) return "";
    depth--;
    if (depth > 0) return "";
    // Already escaped for an attribute value, which is also safe as text.
    return `</a> <span class="message-link-destination">(${destination})</span>`;
  });
}

// Exchange's stored HTML, ready to show inside the portal.
export function sanitizeMessageHtmlForDisplay(html: string): string {
  return printDestinations(rewriteLinks(sanitizeMessageHtml(html)));
}
