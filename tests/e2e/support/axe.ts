import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

// What ExoDesk's pages must pass: axe-core's WCAG 2.0 and 2.1 rules, levels A and AA, and its
// best-practice rules for the main landmark (one, at the top level): a page's "not found" inside
// the portal's layout once put a <main> inside its <main>. A rule enabled by name runs beside
// the tags' rules (axe's ruleShouldRun).
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const MAIN_LANDMARK = { "landmark-one-main": { enabled: true }, "landmark-no-duplicate-main": { enabled: true }, "landmark-main-is-top-level": { enabled: true } };

// The violations on the page (or only inside `include`'s selectors), one line each: the rule,
// its impact and where, so a failing test says what to fix. A page without frames is checked by
// one axe.run in the page (the builder's legacy mode): the same rules and results, without the
// blank page its default mode opens to merge the frames' results (about 0.6 s a check). A page
// with a frame (a message's preview, sandboxed: of another origin) takes the default mode, which
// checks inside every frame.
export async function axeViolations(page: Page, include: string[] = []): Promise<string[]> {
  const base = new AxeBuilder({ page }).setLegacyMode(page.frames().length === 1).options({ rules: MAIN_LANDMARK }).withTags(WCAG_TAGS);
  const builder = include.reduce((b, selector) => b.include(selector), base);
  const { violations } = await builder.analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`.replace(/\s+/g, " ")).join(" | ")}`);
}
