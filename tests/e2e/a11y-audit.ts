import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { AxeResults, ImpactValue } from 'axe-core';
import { expect } from './fixtures.js';

// The axe-core machinery of a11y.spec.ts: one scan per screen, serious and critical violations
// fail (softly, so a walk lists them all), every finding goes into a table per walk.

/** WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const BLOCKING: ImpactValue[] = ['serious', 'critical'];
type Impact = NonNullable<ImpactValue>;
const IMPACTS: Impact[] = ['critical', 'serious', 'moderate', 'minor'];
const REPORT_DIR = join(process.cwd(), 'artifacts', 'a11y');

export type Scheme = 'light' | 'dark';

interface ScanRow {
  screen: string;
  counts: Record<Impact, number>;
  rules: string[];
}

/** One violation, short enough to read in a failure message: rule, impact, first targets. */
function describe(v: AxeResults['violations'][number]): string {
  const targets = v.nodes
    .slice(0, 3)
    .map((n) => n.target.join(' '))
    .join(' | ');
  const more = v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : '';
  return `${v.impact ?? 'unknown'} ${v.id}: ${v.help} → ${targets}${more}`;
}

/** Run axe on the page as it is now; answers the blocking (serious or critical) violations. */
export async function axe(page: Page): Promise<{ results: AxeResults; blocking: string[] }> {
  // The pointer off every control, so contrast is measured on resting colours, not hover ones.
  await page.mouse.move(0, 0);
  // Speed, not coverage: legacy mode runs axe in the page itself instead of finishing each run in
  // a fresh blank page (the renderer has no iframes, the one case it exists for), and resultTypes
  // returns passes and incomplete with one node each.
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact != null && BLOCKING.includes(v.impact))
    .map(describe);
  return { results, blocking };
}

/** Scans screens of one walk and keeps the table rows. */
export class Audit {
  readonly rows: ScanRow[] = [];

  constructor(
    private readonly page: Page,
    readonly scheme: string,
  ) {}

  /** Scan the current screen; a blocking violation fails the test but the walk goes on. */
  async scan(screen: string): Promise<void> {
    const { results, blocking } = await axe(this.page);
    // A scan that checked nothing proves nothing: contrast must have been evaluated on real text.
    const contrast = [...results.passes, ...results.violations, ...results.incomplete].some(
      (r) => r.id === 'color-contrast',
    );
    expect(contrast, `${screen}: axe evaluated color-contrast`).toBe(true);
    const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
    for (const v of results.violations) if (v.impact != null) counts[v.impact] += v.nodes.length;
    this.rows.push({
      screen,
      counts,
      rules: results.violations.map((v) => `${v.id}×${v.nodes.length}`),
    });
    expect.soft(blocking, `${screen} (${this.scheme}): serious or critical violations`).toEqual([]);
  }

  /** The table for the README: one line per screen, violations (nodes) by impact. */
  table(): string {
    const head = `| Screen (${this.scheme}) | ${IMPACTS.join(' | ')} | Rules |`;
    const line = `|---|${IMPACTS.map(() => '---:').join('|')}|---|`;
    const body = this.rows.map(
      (r) =>
        `| ${r.screen} | ${IMPACTS.map((i) => r.counts[i]).join(' | ')} | ${r.rules.join(', ') || '—'} |`,
    );
    return [head, line, ...body].join('\n');
  }

  /** Print the table and keep it under artifacts/a11y/ (stdout is easy to lose in CI logs). */
  report(): void {
    const table = this.table();
    console.log(`\naxe-core on ${this.rows.length} screens (${this.scheme})\n${table}\n`);
    mkdirSync(REPORT_DIR, { recursive: true });
    const file = this.scheme.replace(/[^\w-]+/g, '-');
    writeFileSync(join(REPORT_DIR, `${file}.md`), `${table}\n`);
  }
}
