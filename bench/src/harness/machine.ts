import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { MachineInfo, SourceInfo } from '../results';

/** The machine the numbers were taken on. */
export function machineInfo(fileDescriptorSoftLimit: number): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    totalMemoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    fileDescriptorSoftLimit,
  };
}

/** Which code was measured: the commit, and whether `packages/` had uncommitted changes. */
export function sourceInfo(repositoryDirectory: string): SourceInfo {
  const git = (...args: string[]): string | undefined => {
    try {
      return execFileSync('git', args, { cwd: repositoryDirectory, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const status = git('status', '--porcelain', '--', 'packages');
  return { commit: git('rev-parse', '--short', 'HEAD') ?? 'unknown', packagesModified: status !== undefined && status !== '' };
}
