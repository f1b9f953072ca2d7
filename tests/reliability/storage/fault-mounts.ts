import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Real storage faults for the tests: a small tmpfs for a full disk, a tmpfs remounted read-only
// for a read-only disk (root with CAP_SYS_ADMIN); without root, chmod 0500 stands in for the
// read-only disk. Every mount is undone by cleanup().

const isRoot = process.getuid?.() === 0;

function run(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** A data folder on its own small tmpfs, or undefined (with why) when mounting is not possible. */
export interface FaultDir {
  dir: string;
  /** How the fault is produced: `tmpfs` (mount) or `chmod` (fallback for read-only). */
  mechanism: 'tmpfs' | 'chmod';
  makeReadOnly(): void;
  makeWritable(): void;
  cleanup(): void;
}

/** A folder for fault tests: a `sizeKb` tmpfs when root can mount one, else a plain temp folder. */
export function faultDir(sizeKb: number): FaultDir {
  const dir = mkdtempSync(join(tmpdir(), 'grantline-fault-'));
  const mounted =
    isRoot && run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir]);
  return {
    dir,
    mechanism: mounted ? 'tmpfs' : 'chmod',
    makeReadOnly: () => {
      if (mounted) {
        if (!run('mount', ['-o', 'remount,ro', dir]))
          throw new Error(`could not remount ${dir} ro`);
      } else chmodSync(dir, 0o500);
    },
    makeWritable: () => {
      if (mounted) {
        if (!run('mount', ['-o', 'remount,rw', dir]))
          throw new Error(`could not remount ${dir} rw`);
      } else chmodSync(dir, 0o700);
    },
    cleanup: () => {
      if (mounted && !run('umount', [dir])) run('umount', ['-l', dir]);
      else if (!mounted) chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Why read-only faults cannot be produced here, or undefined when they can. */
export function readOnlyUnavailable(fault: FaultDir): string | undefined {
  // chmod does not stop root (CAP_DAC_OVERRIDE), so without a mount root has no read-only folder.
  if (fault.mechanism === 'chmod' && isRoot) return 'root without mount permission';
  return undefined;
}

/** True when a real small disk is available for full-disk tests. */
export function canFillDisk(fault: FaultDir): boolean {
  return fault.mechanism === 'tmpfs';
}
