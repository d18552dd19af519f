import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

// What ExoDesk's pages must pass: axe-core's WCAG 2.0 and 2.1 rules, levels A and AA.
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// The violations on the page (or only inside `include`'s selectors), one line each: the rule,
// its impact and where, so a failing test says what to fix.
export async function axeViolations(page: Page, include: string[] = []): Promise<string[]> {
  const builder = include.reduce((b, selector) => b.include(selector), new AxeBuilder({ page }).withTags(WCAG_TAGS));
  const { violations } = await builder.analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`.replace(/\s+/g, " ")).join(" | ")}`);
}
