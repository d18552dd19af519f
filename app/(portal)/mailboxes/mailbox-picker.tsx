"use client";

import { Link } from "@/app/_components/link";
import { useEffect, useState, useTransition } from "react";
import { signIn } from "@/app/_components/auth-client";
import type { TRecipient } from "@/lib/cmdlets/read-mailbox";
import { searchMailboxes } from "./actions";

const MIN_CHARS = 3;
const DEBOUNCE_MS = 250;

const typeLabels: Record<string, string> = {
  UserMailbox: "User",
  SharedMailbox: "Shared",
  RoomMailbox: "Room",
  EquipmentMailbox: "Equipment",
};

export function MailboxPicker() {
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<TRecipient[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [searched, setSearched] = useState("");
  const [pending, startTransition] = useTransition();

  // Fewer than MIN_CHARS characters show nothing, whatever an earlier search found.
  const text = query.trim();
  const searchable = text.length >= MIN_CHARS;
  useEffect(() => {
    if (!searchable) return;
    const timer = setTimeout(() => {
      startTransition(async () => {
        const result = await searchMailboxes(text);
        if (result.ok) {
          setItems(result.items);
          setError(null);
        } else if (result.reauth) {
          void signIn(window.location.href);
        } else {
          setItems([]);
          setError(result.message);
        }
        setSearched(text);
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, searchable]);

  const shown = searchable ? items : [];
  const status = pending
    ? "Searching…"
    : searchable && searched && !error
      ? `${shown.length === 0 ? "No" : shown.length} mailbox${shown.length === 1 ? "" : "es"} found for "${searched}".`
      : "";

  return (
    <div className="mt-4">
      <label htmlFor="mailbox-search" className="block text-sm font-medium">
        Mailbox
      </label>
      <input
        id="mailbox-search"
        type="search"
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Name, alias or address"
        className="mt-1 w-full max-w-lg rounded border border-slate-300 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
        aria-describedby="mailbox-search-status"
      />
      <p id="mailbox-search-status" aria-live="polite" className="mt-2 text-sm text-slate-600">
        {status}
      </p>
      {searchable && error && (
        <p role="alert" className="mt-2 rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
      {shown.length > 0 && (
        <ul aria-label="Matching mailboxes" className="mt-2 max-w-lg divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {shown.map((m) => (
            <li key={m.address}>
              <Link
                href={`/mailboxes/${encodeURIComponent(m.address)}/auto-reply`}
                className="flex items-center justify-between px-3 py-2 hover:bg-blue-50 focus:bg-blue-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-blue-500"
              >
                <span>
                  <span className="font-medium">{m.displayName}</span>{" "}
                  <span className="text-sm text-slate-600">{m.address}</span>
                </span>
                <span className="text-xs text-slate-600">
                  {typeLabels[m.type] ?? m.type}
                  {m.department ? ` · ${m.department}` : ""}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
