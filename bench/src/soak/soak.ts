import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Child } from '../harness/child';
import { fileDescriptorLimits, requiredFileDescriptorLimit } from '../harness/fd-limit';
import { benchRoot } from '../paths';
import { percentileOfSorted } from '../stats';
import { renderLineChart } from './line-chart';
import type { HarnessToSoakChild, LoadSample, SoakGatewayMessage, SoakLoadMessage, SoakSecond } from './soak-messages';
import { memoryGrowthBound, soakVerdict } from './soak-verdict';

/**
 * `pnpm soak`: one Gatewire gateway process under `--connections` authenticated clients (from two
 * load-generator processes) for `--minutes`, with a steady rate of requests and one broadcast to
 * everyone per interval. Every second: the gateway's RSS, heap used and event-loop delay, and the
 * p99 request round trip. Writes docs/soak/ (JSON and SVG plots) and exits 1 unless memory stayed
 * flat (see soak-verdict.ts) and no request failed.
 */

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10000' },
    minutes: { type: 'string', default: '10' },
    'requests-per-second': { type: 'string', default: '200' },
    'broadcast-interval-ms': { type: 'string', default: '1000' },
    out: { type: 'string', default: join(dirname(benchRoot()), 'docs', 'soak') },
  },
});
const connections = positiveInteger('connections', values.connections);
const durationSeconds = Math.round(positiveNumber('minutes', values.minutes) * 60);
const requestsPerSecond = positiveNumber('requests-per-second', values['requests-per-second']);
const broadcastIntervalMs = positiveInteger('broadcast-interval-ms', values['broadcast-interval-ms']);
const loadGenerators = connections >= 2 ? 2 : 1;
const distDirectory = join(benchRoot(), 'dist');
const limits = fileDescriptorLimits();
console.log(`soak: ${connections} connections, ${durationSeconds} s, ${requestsPerSecond} requests/s, a broadcast every ${broadcastIntervalMs} ms`);
console.log(`soak: ulimit -n here ${limits.soft} (hard ${limits.hard}); children needing more are started with a raised limit`);
const loadAtStart = loadavg();

const gateway = new Child<SoakGatewayMessage, HarnessToSoakChild>({
  label: 'soak gateway',
  script: join(distDirectory, 'soak-gateway-child.js'),
  config: { maxConnections: connections, broadcastIntervalMs },
  fileDescriptorLimit: requiredFileDescriptorLimit(connections, limits),
});
const loads = Array.from({ length: loadGenerators }, (_, index) => {
  const share = Math.floor(connections / loadGenerators) + (index < connections % loadGenerators ? 1 : 0);
  return new Child<SoakLoadMessage, HarnessToSoakChild>({
    label: `soak load ${index + 1}`,
    script: join(distDirectory, 'soak-load-child.js'),
    config: { connections: share, requestsPerSecond: requestsPerSecond / loadGenerators, connectConcurrency: 64 },
    fileDescriptorLimit: requiredFileDescriptorLimit(share, limits),
  });
});

try {
  const { port } = await gateway.next('ready', 30_000);
  const rampStarted = performance.now();
  for (const load of loads) load.send({ kind: 'start', port });
  await Promise.all(loads.map((load) => load.next('connected', 20 * 60_000)));
  const rampSeconds = (performance.now() - rampStarted) / 1000;
  console.log(`soak: ${connections} connected in ${rampSeconds.toFixed(1)} s; measuring`);
  for (const child of [gateway, ...loads]) child.send({ kind: 'measure' });
  const seconds: SoakSecond[] = [];
  for (let second = 1; second <= durationSeconds; second++) {
    const { sample } = await gateway.next('sample', 30_000);
    const loadSamples = await Promise.all(loads.map(async (load) => (await load.next('sample', 30_000)).sample));
    seconds.push(combine(second, sample, loadSamples));
    if (second % 60 === 0) console.log(`soak: ${second / 60} min, RSS ${sample.rssBytes / 2 ** 20 | 0} MiB`);
  }
  const verdict = soakVerdict(seconds);
  await writeOutputs(values.out, seconds, verdict, { rampSeconds, loadAtStart, loadAtEnd: loadavg() });
  console.log(`soak: RSS ${verdict.rss.baseline.toFixed(1)} → ${verdict.rss.last.toFixed(1)} MiB, heap ${verdict.heap.baseline.toFixed(1)} → ${verdict.heap.last.toFixed(1)} MiB, failed requests ${verdict.failedRequests}`);
  console.log(`soak: ${verdict.ok ? 'PASS' : 'FAIL'} (bound: +${memoryGrowthBound * 100} % over ${verdict.windowSeconds} s windows); written to ${values.out}`);
  process.exitCode = verdict.ok ? 0 : 1;
} finally {
  await Promise.all(loads.map((load) => load.stop({ kind: 'stop' })));
  await gateway.stop({ kind: 'stop' }, 8000);
}

function combine(second: number, gatewaySample: { rssBytes: number; heapUsedBytes: number; loopDelayP99Ms: number }, loadSamples: readonly LoadSample[]): SoakSecond {
  const latencies = Float64Array.from(loadSamples.flatMap((sample) => sample.latenciesMs)).sort();
  return {
    second,
    rssMiB: gatewaySample.rssBytes / 2 ** 20,
    heapUsedMiB: gatewaySample.heapUsedBytes / 2 ** 20,
    loopDelayP99Ms: gatewaySample.loopDelayP99Ms,
    requestP99Ms: percentileOfSorted(latencies, 99),
    requests: latencies.length,
    failed: loadSamples.reduce((total, sample) => total + sample.failed, 0),
    eventsReceived: loadSamples.reduce((total, sample) => total + sample.eventsReceived, 0),
  };
}

async function writeOutputs(directory: string, seconds: readonly SoakSecond[], verdict: ReturnType<typeof soakVerdict>, run: object): Promise<void> {
  await mkdir(directory, { recursive: true });
  const parameters = { connections, durationSeconds, requestsPerSecond, broadcastIntervalMs, loadGenerators, node: process.version, cpus: cpus().length, ...run };
  await writeFile(join(directory, 'soak-report.json'), `${JSON.stringify({ parameters, verdict, seconds }, null, 1)}\n`);
  const series = (pick: (second: SoakSecond) => number) => seconds.map((second) => [second.second, pick(second)] as const);
  const boundLabel = `pass bound: +${memoryGrowthBound * 100} % of the mean over seconds ${verdict.windowSeconds + 1}–${2 * verdict.windowSeconds}`;
  const charts: Array<[string, Parameters<typeof renderLineChart>[0]]> = [
    ['soak-rss.svg', { title: 'Gateway RSS', unit: 'MiB', points: series((second) => second.rssMiB), bound: { value: verdict.rss.baseline * (1 + memoryGrowthBound), label: boundLabel } }],
    ['soak-heap.svg', { title: 'Gateway heap used', unit: 'MiB', points: series((second) => second.heapUsedMiB), bound: { value: verdict.heap.baseline * (1 + memoryGrowthBound), label: boundLabel } }],
    ['soak-loop-delay.svg', { title: 'Gateway event-loop delay, p99 per second', unit: 'ms', points: series((second) => second.loopDelayP99Ms) }],
    ['soak-request-p99.svg', { title: 'Request round trip, p99 per second', unit: 'ms', points: series((second) => second.requestP99Ms) }],
  ];
  for (const [file, chart] of charts) await writeFile(join(directory, file), renderLineChart(chart));
}

function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new TypeError(`soak: --${name} must be a positive number, got "${text}"`);
  return value;
}

function positiveInteger(name: string, text: string): number {
  const value = positiveNumber(name, text);
  if (!Number.isSafeInteger(value)) throw new TypeError(`soak: --${name} must be a whole number, got "${text}"`);
  return value;
}
