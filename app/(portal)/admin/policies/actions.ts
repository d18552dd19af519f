"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { toActionError, type TActionResult } from "@/lib/action";
import { getActorSnapshot } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { addProtectedTarget, removeProtectedTarget, setActionPolicy } from "@/lib/policy/change-policy";
import type { TSessionUser } from "@/lib/auth/session-user";

async function asAdmin(step: (admin: TSessionUser) => Promise<void>, done: string): Promise<TActionResult> {
  try {
    const admin = await requireUser("policy.edit");
    await step(admin);
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath("/admin/policies");
  return { ok: true, tone: "success", message: done };
}

export async function savePolicyAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  return asAdmin(async (admin) => {
    await setActionPolicy(admin, await getActorSnapshot(admin), {
      actionId: form.get("actionId"),
      requiresApproval: form.get("requiresApproval") === "on",
      pendingHours: form.get("pendingHours"),
    });
  }, "Saved.");
}

export async function addProtectionAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  return asAdmin(async (admin) => {
    await addProtectedTarget(admin, await getActorSnapshot(admin), { kind: form.get("kind"), value: form.get("value") });
  }, "Protected: every change to it now needs approval.");
}

export async function removeProtectionAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  return asAdmin(async (admin) => {
    await removeProtectedTarget(admin, await getActorSnapshot(admin), z.uuid().parse(form.get("id")));
  }, "Protection removed.");
}
