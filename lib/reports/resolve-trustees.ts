import type { TRecipient } from "@/lib/cmdlets/read-mailbox";

// Exchange names a trustee differently per cmdlet: by UPN in mailbox and recipient
// permissions, by name in GrantSendOnBehalfTo, by display name in folder permissions. The
// report shows every trustee as an address, looked up in the directory listing the report
// already made (one paged Get-Recipient), not with a Get-Recipient call per trustee.
export type TTrusteeDirectory = {
  // The trustee's primary address (lower-case), or the name as Exchange gave it when the
  // name is not in the listing (outside the person's read scope, deleted) or names two people.
  resolve(name: string): string;
};

const AMBIGUOUS = null;

export function createTrusteeDirectory(recipients: readonly TRecipient[]): TTrusteeDirectory {
  // Addresses and UPNs identify one person; names may not, so they never override them.
  const strong = new Map<string, string | typeof AMBIGUOUS>();
  const weak = new Map<string, string | typeof AMBIGUOUS>();
  const add = (map: Map<string, string | null>, key: string | null, address: string) => {
    if (!key) return;
    const k = key.trim().toLowerCase();
    const known = map.get(k);
    if (known === undefined) map.set(k, address);
    else if (known !== address) map.set(k, AMBIGUOUS);
  };
  for (const r of recipients) {
    if (!r.address) continue;
    const address = r.address.toLowerCase();
    add(strong, r.address, address);
    add(strong, r.upn, address);
    add(weak, r.alias, address);
    add(weak, r.name, address);
    add(weak, r.displayName, address);
  }
  return {
    resolve(name) {
      const k = name.trim().toLowerCase();
      const found = strong.has(k) ? strong.get(k) : weak.get(k);
      return found ?? name;
    },
  };
}
