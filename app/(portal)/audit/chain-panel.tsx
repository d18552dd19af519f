import { readLastChainCheck } from "@/lib/audit/check-chain";
import { readChainHead } from "@/lib/audit/query-history";
import { getDb } from "@/lib/db/client";
import { VerifyChainButton } from "./verify-chain-button";

// The chain's head names all history up to now; the last check says whether it was whole.
export async function ChainPanel() {
  const [head, last] = await Promise.all([readChainHead(getDb()), readLastChainCheck()]);
  const check = last?.data as { ok?: boolean; events?: number; brokenSeq?: string; reason?: string } | undefined;
  return (
    <div className="mt-4 rounded-lg bg-white p-4 text-sm shadow-sm" aria-labelledby="chain-heading">
      <h2 id="chain-heading" className="font-medium">Integrity of the audit chain</h2>
      <p className="mt-1">
        Head: {head ? <><span className="font-mono break-all" data-testid="chain-head">{head.hash}</span> (event #{head.seq.toString()}, {head.at.toISOString()})</> : "no events yet"}
      </p>
      <p className="mt-1" data-testid="chain-state">
        {!last && "Not verified yet."}
        {last && check?.ok && `Intact when last verified: ${check.events} events, ${last.at.toISOString()} by ${last.actorUpn}.`}
        {last && check && !check.ok && <span className="font-semibold text-red-800">BROKEN at event #{check.brokenSeq} when last verified ({last.at.toISOString()}): {check.reason}</span>}
      </p>
      <VerifyChainButton />
    </div>
  );
}
