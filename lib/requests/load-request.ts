import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { expireIfOverdue } from "./expire-requests";

// A request by id, with an overdue pending request expired on the way (checked on read).
export async function loadRequest(id: string) {
  const request = z.uuid().safeParse(id).success ? await getDb().request.findUnique({ where: { id } }) : null;
  if (!request) throw new AppError("NOT_FOUND", "That request does not exist.");
  return { ...request, status: await expireIfOverdue(request) };
}
