import { AppError } from "@/lib/errors/app-error";
import { lengthErrors } from "./limits";

// The server's own length check for free-text fields that no catalogue schema covers (reason,
// comment): a crafted post that skips the browser's check is refused here, before anything is
// stored or audited.
export function assertLengths(values: Record<string, unknown>, alsoWrong: Record<string, string[]> = {}): void {
  const errors = { ...alsoWrong, ...lengthErrors(values) };
  if (Object.keys(errors).length > 0) throw new AppError("INVALID_INPUT", undefined, errors);
}
