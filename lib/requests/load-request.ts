import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TRequestStatus } from "@/lib/workflow/state-machine";
import { expireIfOverdue } from "./expire-requests";

// A request by id, with an overdue pending request expired on the way (checked on read).
export async function loadRequest(id: string) {
  const request = await getDb().request.findUnique({ where: { id } });
  if (!request) throw new AppError("NOT_FOUND", "That request does not exist.");
  const status = await expireIfOverdue(request);
  return { ...request, status: status as TRequestStatus };
}
