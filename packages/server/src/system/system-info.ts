import { arch, cpus, freemem, hostname, loadavg, platform, release, totalmem } from 'node:os';
import { PROTOCOL_VERSION, type SystemInfoResult } from '@gatewire/protocol';
import type { EventLoopMonitor } from './event-loop-monitor';

/** What `system.info` reads besides the host. */
export interface SystemInfoSource {
  readonly gatewayVersion: string;
  readonly startedAtMs: number;
  readonly eventLoop: EventLoopMonitor;
}

/** The `system.info` answer: the host, this process's memory and event-loop delay, uptime, versions. */
export function collectSystemInfo(source: SystemInfoSource, nowMs = Date.now()): SystemInfoResult {
  const memory = process.memoryUsage();
  const [oneMinute = 0, fiveMinutes = 0, fifteenMinutes = 0] = loadavg();
  const hasLoad = oneMinute !== 0 || fiveMinutes !== 0 || fifteenMinutes !== 0;
  return {
    hostname: hostname(),
    platform: platform(),
    release: release(),
    arch: arch(),
    nodeVersion: process.version,
    gatewayVersion: source.gatewayVersion,
    protocol: PROTOCOL_VERSION,
    pid: process.pid,
    uptimeMs: Math.max(0, nowMs - source.startedAtMs),
    cpuCount: cpus().length,
    ...(hasLoad ? { loadAverage: [oneMinute, fiveMinutes, fifteenMinutes] as [number, number, number] } : {}),
    memoryTotalBytes: totalmem(),
    memoryFreeBytes: freemem(),
    processMemory: {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      arrayBuffersBytes: memory.arrayBuffers,
    },
    eventLoop: source.eventLoop.read(nowMs),
  };
}
