import { cpus, totalmem } from 'node:os';
import type { MachineInfo } from '../results';

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
