import "server-only";
import { getDb } from "@/lib/db/client";

export type TTemplate = { id: string; name: string; internalMessage: string; externalMessage: string };

// The library as the admin page and the template pickers show it, by name.
export async function listTemplates(): Promise<TTemplate[]> {
  return await getDb().autoReplyTemplate.findMany({ select: { id: true, name: true, internalMessage: true, externalMessage: true }, orderBy: { name: "asc" } });
}
