import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BenchContext } from './harness/context';
import { fileDescriptorLimits } from './harness/fd-limit';
import { machineInfo, sourceInfo } from './harness/machine';
import { parseCliOptions, USAGE } from './options';
import { benchRoot, outputPaths } from './paths';
import { renderTextReport } from './report/text-table';
import { writeOutputs } from './report/write-outputs';
import type { BenchResults } from './results';
import { runBenchmarks } from './run';

/** `pnpm bench`: run the scenarios, print the table, write results/latest.json and docs/benchmarks.md. */

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const options = parseCliOptions(argv);
const root = benchRoot();
const paths = outputPaths(root);
const resultsFile = options.out ?? (options.docs ? join(paths.results, 'latest.json') : join(paths.raw, `${options.profile.name}.json`));
const log = (line: string): void => void process.stderr.write(`${line}\n`);

let results: BenchResults;
if (options.renderOnly) {
  results = JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults;
} else {
  const limits = fileDescriptorLimits();
  const context: BenchContext = {
    profile: options.profile,
    distDirectory: paths.dist,
    fileDescriptorLimits: limits,
    cpuProfile: options.cpuProfile === undefined ? undefined : { system: options.cpuProfile, directory: join(paths.raw, 'profiles') },
    log,
  };
  log(`profile ${options.profile.name}, ${options.profile.rounds} round(s); systems ${options.systems.join(', ')}; ulimit -n ${limits.soft} (hard ${limits.hard})`);
  results = await runBenchmarks(context, options.scenarios, options.systems, machineInfo(limits.soft), sourceInfo(dirname(root)));
}
process.stdout.write(`${renderTextReport(results)}\n`);
const written = writeOutputs(results, {
  resultsFile,
  markdownFile: options.docs ? paths.docs : undefined,
  chartDirectory: options.docs ? paths.charts : undefined,
  profilingNotesFile: join(root, 'profiling-notes.md'),
});
log(`wrote ${written.length} file(s): ${written.join(', ')}`);
