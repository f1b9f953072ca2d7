import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm audit --omit=dev`: no high or critical advisory in what ships, unless security/audit-exceptions.json
// explains it. Where the registry's audit endpoint cannot be reached the test is skipped with the reason
// printed, never passed.

interface AuditReport {
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number } };
  error?: { code?: string; summary?: string; detail?: string };
  /** Set instead of a report when the audit endpoint itself answered with an HTTP error. */
  statusCode?: number;
  message?: string;
}

interface Exception {
  package: string;
  advisory: string;
  why: string;
}

function runAudit(): { report?: AuditReport; unreachable?: string } {
  const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  let report: AuditReport;
  try {
    report = JSON.parse(result.stdout) as AuditReport;
  } catch {
    return {
      unreachable: `npm audit printed no JSON (exit ${result.status}): ${result.stderr.trim().slice(0, 300)}`,
    };
  }
  if (report.vulnerabilities === undefined && report.statusCode !== undefined) {
    return {
      unreachable: `the registry's audit endpoint answered ${report.statusCode}: ${report.message ?? ''}`,
    };
  }
  if (report.error) {
    const reason = `${report.error.code ?? ''} ${report.error.summary ?? ''} ${report.error.detail ?? ''}`;
    if (/ENOAUDIT|405|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|endpoint/i.test(reason)) {
      return {
        unreachable: `the registry's audit endpoint is not reachable here: ${reason.trim()}`,
      };
    }
    throw new Error(`npm audit failed: ${reason.trim()}`);
  }
  return { report };
}

const audit = runAudit();
const exceptions = JSON.parse(
  readFileSync(new URL('../../../security/audit-exceptions.json', import.meta.url), 'utf8'),
) as Exception[];

describe('npm audit --omit=dev', () => {
  if (audit.unreachable) console.warn(`[npm audit] SKIPPED: ${audit.unreachable}`);

  it.skipIf(audit.unreachable !== undefined)(
    'finds no high or critical advisory that security/audit-exceptions.json does not explain',
    () => {
      const found = Object.entries(audit.report?.vulnerabilities ?? {})
        .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
        .map(([name, v]) => ({ name, severity: v.severity }));
      const unexplained = found.filter((f) => !exceptions.some((e) => e.package === f.name));
      expect(unexplained).toEqual([]);
      expect(audit.report?.metadata?.dependencies?.prod ?? 0).toBeGreaterThan(0);
    },
  );

  it('keeps every exception explained', () => {
    for (const exception of exceptions) {
      expect(exception.package).toMatch(/\S/);
      expect(exception.advisory).toMatch(/^(GHSA-|CVE-)/);
      expect(exception.why.length).toBeGreaterThan(40);
    }
  });
});
