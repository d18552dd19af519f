"use client";

import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { EditorPlaceholder } from "./editor-placeholder";
import { WholePlaceholders } from "./whole-placeholders";

// The rich-text editor of an automatic reply or a template (Tiptap 3 on ProseMirror). Loaded on its own
// (message-field.tsx imports it with next/dynamic), so only the forms that write a message
// download it.
//
// The schema holds only what lib/html/message-html.ts lets through, with no attribute it would
// drop: paragraphs, line breaks, bold, italic, underline, links (href and title), bulleted and
// numbered lists. Whatever else is pasted or loaded (Outlook's <style> and <meta>, MsoNormal
// classes, <o:p>, styled spans, headings) is dropped on parse and its text kept, so the HTML
// this gives passes the server's sanitiser unchanged. The sanitiser stays the security boundary.
const EXTENSIONS = [
  StarterKit.configure({
    blockquote: false,
    code: false,
    codeBlock: false,
    heading: false,
    horizontalRule: false,
    strike: false,
    trailingNode: false,
    // Not autolink: a link ends where the person ended it, and typing after it is plain text.
    link: { openOnClick: false, autolink: false, HTMLAttributes: { target: null, rel: null, class: null } },
  }).extend({
    addExtensions() {
      return (this.parent?.() ?? []).map((extension) => {
        // target, rel and class would be read from pasted links and written out again.
        if (extension.name === "link") return extension.extend({ addAttributes: () => ({ href: { default: null }, title: { default: null } }), addMarkView: () => showLinkSafely });
        // <ol start> and <ol type> are not kept by the sanitiser.
        if (extension.name === "orderedList") return extension.extend({ addAttributes: () => ({}) });
        // Tab and Shift+Tab leave the editor, as in every other field, instead of nesting list items.
        if (extension.name === "listItem") return extension.extend({ addKeyboardShortcuts() { return { Enter: () => this.editor.commands.splitListItem(this.name) }; } });
        return extension;
      });
    },
  }),
  WholePlaceholders,
];

// Inside the portal, a link in a message (an auto-reply someone else wrote may be phishing)
// opens only in a new tab without an opener, as on every other page; the HTML posted keeps
// just its href and title.
function showLinkSafely({ mark }: { mark: { attrs: Record<string, unknown> } }) {
  const dom = document.createElement("a");
  dom.setAttribute("href", String(mark.attrs.href ?? ""));
  if (mark.attrs.title) dom.title = String(mark.attrs.title);
  dom.target = "_blank";
  dom.rel = "noopener noreferrer";
  return { dom };
}

// The message as the form posts it: nothing for an empty editor.
function htmlOf(editor: Editor): string {
  return editor.isEmpty ? "" : editor.getHTML();
}

// Links a person may add: web addresses and mail links; "www.contoso.com" means https.
function toLinkAddress(typed: string): string | null {
  const text = typed.trim();
  if (/^(https?:\/\/[^\s/]+\S*|mailto:[^\s@]+@\S+)$/i.test(text)) return text;
  if (/^[^\s:/@]+\.[^\s:/@]+(\/\S*)?$/.test(text)) return `https://${text}`;
  return null;
}

type TProps = {
  id: string; // the field's, unique on the page: the editor's own ids start with it
  labelId: string; // the field's visible label, which names the editable area
  toolbarLabel: string;
  value: string;
  onChange: (html: string) => void;
  invalid: boolean;
};

export function MessageEditor({ id, labelId, toolbarLabel, value, onChange, invalid }: TProps) {
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  // The HTML this editor last gave or was given: a `value` different from it came from outside
  // (the draft restored after signing in, a template) and replaces the content.
  const known = useRef<string | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);

  const editor = useEditor({
    extensions: EXTENSIONS,
    content: value,
    immediatelyRender: false,
    // Tiptap's own <style> element has no CSP nonce; the classes below give ProseMirror what it needs.
    injectCSS: false,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        "aria-describedby": `${id}-error`,
        class: "relative min-h-28 whitespace-break-spaces break-words [font-variant-ligatures:none] rounded-b border border-slate-300 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 [&_a]:text-blue-700 [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:my-1 [&_ul]:list-disc [&_ul]:pl-6",
      },
      handleKeyDown: (_view, event) => {
        if (event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey)) return false;
        setLinkOpen(true);
        return true;
      },
    },
    onUpdate: ({ editor }) => {
      const html = htmlOf(editor);
      known.current = html;
      onChangeRef.current(html);
    },
  });

  useEffect(() => {
    if (!editor || value === known.current) return;
    // Not an undo step, and no update event: the person did not type it.
    editor.chain().setMeta("addToHistory", false).setContent(value, { emitUpdate: false }).run();
    const cleaned = htmlOf(editor);
    known.current = cleaned;
    // What was loaded, cleaned, is what the form posts: an Outlook message submitted unchanged
    // passes, instead of being refused for its <style> and <meta>.
    if (cleaned !== value) onChangeRef.current(cleaned);
  }, [editor, value]);

  useEffect(() => {
    editor?.view.dom.setAttribute("aria-invalid", String(invalid));
  }, [editor, invalid]);

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive("bold") ?? false,
      italic: e?.isActive("italic") ?? false,
      underline: e?.isActive("underline") ?? false,
      bulletList: e?.isActive("bulletList") ?? false,
      orderedList: e?.isActive("orderedList") ?? false,
      link: e?.isActive("link") ?? false,
    }),
  });

  if (!editor) return <EditorPlaceholder />;
  const run = (command: (chain: ReturnType<Editor["chain"]>) => ReturnType<Editor["chain"]>) => command(editor.chain().focus()).run();

  return (
    <div className="mt-1">
      <div role="toolbar" aria-label={toolbarLabel} onKeyDown={moveAlongToolbar}
        className="flex flex-wrap gap-1 rounded-t border border-b-0 border-slate-300 bg-slate-50 p-1">
        <ToolButton pressed={active?.bold} shortcut="Ctrl+B" onClick={() => run((c) => c.toggleBold())}><span className="font-bold">Bold</span></ToolButton>
        <ToolButton pressed={active?.italic} shortcut="Ctrl+I" onClick={() => run((c) => c.toggleItalic())}><span className="italic">Italic</span></ToolButton>
        <ToolButton pressed={active?.underline} shortcut="Ctrl+U" onClick={() => run((c) => c.toggleUnderline())}><span className="underline">Underline</span></ToolButton>
        <ToolButton pressed={active?.bulletList} shortcut="Ctrl+Shift+8" onClick={() => run((c) => c.toggleBulletList())}>Bulleted list</ToolButton>
        <ToolButton pressed={active?.orderedList} shortcut="Ctrl+Shift+7" onClick={() => run((c) => c.toggleOrderedList())}>Numbered list</ToolButton>
        <ToolButton pressed={active?.link} shortcut="Ctrl+K" expanded={linkOpen} onClick={() => setLinkOpen((o) => !o)}>Link</ToolButton>
      </div>
      <EditorContent editor={editor} />
      {linkOpen && <LinkForm id={id} editor={editor} onClose={() => { setLinkOpen(false); editor.commands.focus(); }} />}
    </div>
  );
}

const TOOL_CLASS = "rounded px-2 py-1 text-sm text-slate-900 hover:bg-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 aria-pressed:bg-slate-300";

function ToolButton({ pressed, shortcut, expanded, onClick, children }: { pressed?: boolean; shortcut: string; expanded?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    // mousedown would move the focus, and the selection the command applies to, out of the text.
    <button type="button" aria-pressed={pressed ?? false} aria-expanded={expanded} aria-keyshortcuts={shortcut.replace("Ctrl", "Control")} title={shortcut}
      onMouseDown={(e) => e.preventDefault()} onClick={onClick} className={TOOL_CLASS}>
      {children}
    </button>
  );
}

// The arrow keys move along the toolbar too (every button also stays on the Tab order).
function moveAlongToolbar(e: KeyboardEvent<HTMLDivElement>) {
  if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
  const buttons = [...e.currentTarget.querySelectorAll("button")];
  const at = buttons.indexOf(e.target as HTMLButtonElement);
  if (at < 0) return;
  e.preventDefault();
  buttons[(at + (e.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length]?.focus();
}

// Adds, changes or removes the link at the selection: a labelled field in the page, not a prompt.
function LinkForm({ id, editor, onClose }: { id: string; editor: Editor; onClose: () => void }) {
  const current = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [address, setAddress] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    if (!address.trim()) return remove();
    const href = toLinkAddress(address);
    if (!href) return setError("Enter a web address (https://…) or a mail link (mailto:name@example.com).");
    const chain = editor.chain().focus().extendMarkRange("link");
    // With no text selected, the address itself becomes the link's text.
    if (editor.state.selection.empty && !editor.isActive("link")) chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] });
    else chain.setLink({ href });
    chain.run();
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter would submit the whole form.
    if (e.key === "Enter") {
      e.preventDefault();
      apply();
    } else if (e.key === "Escape") {
      e.preventDefault();
      onClose();
    }
  };
  return (
    <div role="group" aria-label="Link" className="mt-2 flex flex-wrap items-end gap-2 rounded border border-slate-300 p-2">
      <div className="min-w-64 flex-1">
        <label htmlFor={`${id}-link`} className="block text-sm font-medium">Link address</label>
        <input id={`${id}-link`} type="url" value={address} autoFocus onChange={(e) => { setAddress(e.target.value); setError(null); }} onKeyDown={onKeyDown}
          aria-invalid={Boolean(error)} aria-describedby={`${id}-link-error`} placeholder="https://"
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500" />
        <p id={`${id}-link-error`} aria-live="polite" className="mt-1 text-sm text-red-700">{error}</p>
      </div>
      <div className="mb-7 flex gap-2">
        <button type="button" onClick={apply} className={`${TOOL_CLASS} border border-slate-300`}>{current ? "Change link" : "Add link"}</button>
        {current && <button type="button" onClick={remove} className={`${TOOL_CLASS} border border-slate-300`}>Remove link</button>}
        <button type="button" onClick={onClose} className={`${TOOL_CLASS} border border-slate-300`}>Cancel</button>
      </div>
    </div>
  );
}
