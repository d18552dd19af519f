import { expect, type Page } from "@playwright/test";
import { signInAs } from "./support";

// Sets, as admin@ on the Policies page, whether each named action needs approval.
export async function setApprovalPolicies(page: Page, labels: string[], needsApproval: boolean) {
  await page.context().clearCookies();
  await signInAs(page, "admin", "/admin/policies");
  for (const label of labels) {
    const row = page.getByRole("row", { name: new RegExp(label) });
    await row.getByRole("checkbox", { name: `${label} needs approval` }).setChecked(needsApproval);
    await row.getByRole("button", { name: `Save policy for ${label}` }).click();
    await expect(row.getByRole("status")).toHaveText("Saved.");
  }
  await page.context().clearCookies();
}
