import { execFileSync } from 'node:child_process';

/** File descriptors a child may need beyond its connections (modules, pipes, listeners). */
const FD_HEADROOM = 1024;

/** The soft and hard `ulimit -n` of processes started from here. */
export function fileDescriptorLimits(): { soft: number; hard: number } {
  const read = (flag: string): number => {
    const text = execFileSync('bash', ['-c', `ulimit ${flag} -n`], { encoding: 'utf8' }).trim();
    return text === 'unlimited' ? Number.POSITIVE_INFINITY : Number.parseInt(text, 10);
  };
  return { soft: read('-S'), hard: read('-H') };
}

/**
 * The `ulimit -n` a child holding `connections` sockets should run with, or `undefined` when the
 * current soft limit is enough: 65,536 (capped at the hard limit), or more if the scenario needs
 * more. Above the hard limit only root can raise it; `bash` then fails loudly and the run reports it.
 */
export function requiredFileDescriptorLimit(connections: number, limits: { soft: number; hard: number }): number | undefined {
  const needed = connections + FD_HEADROOM;
  if (needed <= limits.soft) return undefined;
  return Math.max(needed, Math.min(65_536, limits.hard));
}
