import { PROFILES, type Profile, type ProfileName } from './profiles';
import type { ScenarioId } from './results';
import { SYSTEM_NAMES, type SystemName } from './systems/types';

/** Command-line options of `pnpm bench`. */
export interface CliOptions {
  readonly profile: Profile;
  readonly scenarios: readonly ScenarioId[];
  readonly systems: readonly SystemName[];
  /** Results JSON path (default: `results/raw/<profile>.json`, ignored by git; with `--write-report`, `results/latest.json`). */
  readonly out: string | undefined;
  /**
   * Write the committed report: `bench/results/latest.json`, `docs/benchmarks.md` and the charts.
   * Only `--write-report` (or `--render`) does, so a plain `pnpm bench` never dirties the tree.
   */
  readonly docs: boolean;
  /** Write a CPU profile of this system's server child. */
  readonly cpuProfile: SystemName | undefined;
  /** Measure nothing: re-render the report from the results file (e.g. after editing the profiling notes). */
  readonly renderOnly: boolean;
}

export const SCENARIO_IDS: readonly ScenarioId[] = ['frames', 'rpc-throughput', 'rpc-latency', 'broadcast', 'memory', 'handshake', 'versus-ws', 'bundle', 'metrics-overhead', 'cluster'];

export const USAGE = `Usage: pnpm bench [--full | --smoke] [options]

  --full                 the issue's numbers (200 conns × 8, 1,000 and 10,000 broadcast clients, 10,000 idle connections)
  --smoke                tiny counts, one round (CI smoke test of the harness)
  --rounds=N             override the number of alternation rounds
  --only=a,b             scenarios: ${SCENARIO_IDS.join(', ')}
  --systems=a,b          systems: ${SYSTEM_NAMES.join(', ')} (gatewire is the subject of every ratio)
  --out=FILE             results JSON (default bench/results/raw/<profile>.json, ignored by git)
  --write-report         write the committed report: bench/results/latest.json, docs/benchmarks.md, docs/benchmarks/*.svg
                         (a plain run prints its tables and leaves the working tree as it was)
  --render               measure nothing; regenerate the committed report from bench/results/latest.json
  --cpu-prof=SYSTEM      write V8 CPU profiles of that system's children to bench/results/raw/profiles/{server,load}
  --help`;

export function parseCliOptions(argv: readonly string[]): CliOptions {
  let profileName: ProfileName = 'quick';
  let rounds: number | undefined;
  let scenarios: readonly ScenarioId[] = SCENARIO_IDS;
  let systems: readonly SystemName[] = SYSTEM_NAMES;
  let out: string | undefined;
  let docs = false;
  let cpuProfile: SystemName | undefined;
  let renderOnly = false;
  for (const argument of argv) {
    const [flag, value = ''] = argument.split('=', 2) as [string, string | undefined];
    if (flag === '--') continue;
    else if (flag === '--full') profileName = 'full';
    else if (flag === '--smoke') profileName = 'smoke';
    else if (flag === '--quick') profileName = 'quick';
    else if (flag === '--rounds') rounds = positiveInteger(flag, value);
    else if (flag === '--only') scenarios = listOf(flag, value, SCENARIO_IDS);
    else if (flag === '--systems') systems = listOf(flag, value, SYSTEM_NAMES);
    else if (flag === '--out') out = value;
    else if (flag === '--write-report') docs = true;
    else if (flag === '--render') renderOnly = true;
    else if (flag === '--cpu-prof') cpuProfile = listOf(flag, value, SYSTEM_NAMES)[0];
    else throw new TypeError(`unknown option ${argument}\n\n${USAGE}`);
  }
  const base = PROFILES[profileName];
  const profile = rounds === undefined ? base : { ...base, rounds };
  return { profile, scenarios, systems, out, docs: docs || renderOnly, cpuProfile, renderOnly };
}

function positiveInteger(flag: string, value: string): number {
  const parsed = Number.parseInt(value, 10);
  if (!Number.isInteger(parsed) || parsed < 1) throw new TypeError(`${flag} needs a positive integer`);
  return parsed;
}

function listOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').filter((item) => item !== '');
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (items.length === 0 || unknown.length > 0) throw new TypeError(`${flag}: expected some of ${allowed.join(', ')}`);
  return items as T[];
}
