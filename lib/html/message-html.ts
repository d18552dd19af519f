import sanitizeHtml from "sanitize-html";

// Auto-reply messages are HTML. What a person types is checked and sanitised before it is
// sent; what Exchange returns is sanitised again before it is rendered.

const SAFE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "a",
    "h1", "h2", "h3", "h4", "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td", "font",
  ],
  allowedAttributes: { a: ["href", "title"], font: ["color", "face", "size"], td: ["colspan", "rowspan"], th: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Exchange wraps messages in a full document; keep only what the body holds.
  nonTextTags: ["style", "script", "textarea", "option", "noscript", "title", "head"],
  // An attribute value holding markup is inert here, but it is how mutation XSS travels (a later
  // parse may read it as tags), so such values are dropped rather than kept.
  transformTags: {
    "*": (tagName, attribs) => ({ tagName, attribs: Object.fromEntries(Object.entries(attribs).filter(([, v]) => !/[<>]/.test(v))) }),
  },
};

const ACTIVE_TAGS = new Set([
  "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
  "button", "select", "textarea", "link", "meta", "base", "svg", "math", "template",
  // Media and legacy elements that load or run something; raw-text elements that a browser
  // parses differently from this parser (markup hidden in them runs in a browser: mutation XSS).
  "bgsound", "isindex", "keygen", "noscript", "noembed", "noframes", "xmp", "plaintext", "listing", "title", "xml", "portal",
]);
const URL_ATTRIBUTES = new Set([
  "href", "src", "action", "formaction", "xlink:href", "background", "poster", "data",
  "dynsrc", "lowsrc", "ping", "srcset", "cite", "longdesc", "codebase", "archive", "manifest", "icon",
]);

// Returns why the HTML would run code (a reason a person can act on), or null when it is safe.
export function findActiveContent(html: string): string | null {
  // A browser reads "<![CDATA[" in HTML as a comment that ends at the first ">"; this parser reads
  // on to "]]>". What sits between would be hidden here and run there.
  if (/<!\[CDATA\[/i.test(html)) return "It contains a CDATA section, which is not allowed in an automatic reply.";
  let reason: string | null = null;
  sanitizeHtml(html, {
    ...SAFE_OPTIONS,
    onOpenTag(name, attribs) {
      if (reason) return;
      if (ACTIVE_TAGS.has(name)) {
        reason = `It contains a <${name}> element, which is not allowed in an automatic reply.`;
        return;
      }
      for (const [attr, value] of Object.entries(attribs)) {
        // Markup inside an attribute value is how mutation XSS hides from sanitisers.
        if (/[<>]/.test(value)) {
          reason = `It contains markup inside the ${attr} attribute of <${name}>, which is not allowed in an automatic reply.`;
          return;
        }
        if (attr.startsWith("on")) {
          reason = `It contains an event handler (${attr}), which is not allowed in an automatic reply.`;
          return;
        }
        // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
        const scheme = /^(javascript|vbscript|data):/i.exec(value.replace(/[\u0000-\u0020`'"]/g, ""))?.[1];
        if (URL_ATTRIBUTES.has(attr) && scheme) {
          reason = `It contains a ${scheme.toLowerCase()}: link, which is not allowed in an automatic reply.`;
          return;
        }
      }
    },
  });
  return reason;
}

export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, SAFE_OPTIONS).trim();
}

// For comparing what was asked with what Exchange stored: same content, any wrapper or spacing.
export function normaliseMessageHtml(html: string | null | undefined): string {
  return sanitizeMessageHtml(html ?? "").replace(/\s+/g, " ").replace(/> </g, "><").trim();
}

// A message with no text in it (empty, or only empty paragraphs).
export function isBlankMessage(html: string): boolean {
  return normaliseMessageHtml(html).replace(/<[^>]*>/g, "").trim() === "";
}
