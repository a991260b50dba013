import type { Page } from "playwright-core";

const AXE = require.resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (injected into the page) on `selector` and returns its serious and critical violations,
 * each with the elements it found them on.
 */
export async function seriousViolations(page: Page, selector: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (root) => {
    const axe = (window as unknown as { axe: { run: (context: Element, options: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const element = document.querySelector(root);
    if (!element) throw new Error(`nothing matches ${root}`);
    const { violations } = await axe.run(element, { resultTypes: ["violations"] });
    // Fluent's focus manager (tabster) puts aria-hidden elements with tabindex 0 around focus groups; they only pass
    // focus on to the group and are never announced. Microsoft's Accessibility Insights suppresses aria-hidden-focus on
    // them as a known false positive, and so does this check — for those elements only, not for the rule.
    const tabsterDummy = (target: unknown[]) => document.querySelector(target.join(" "))?.hasAttribute("data-tabster-dummy") === true;
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => (v.id === "aria-hidden-focus" ? { ...v, nodes: v.nodes.filter((n) => !tabsterDummy(n.target)) } : v))
      .filter((v) => v.nodes.length > 0)
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        // The selector and, to find it in the page, the nearest ancestor with a test id or a role.
        targets: v.nodes.map((n) => {
          const selector = n.target.join(" ");
          const where = document.querySelector(selector)?.parentElement?.closest("[data-testid], [role]");
          return where ? `${selector} in ${where.getAttribute("data-testid") ?? `[role=${where.getAttribute("role")}]`}` : selector;
        }),
      }));
  }, selector);
}
