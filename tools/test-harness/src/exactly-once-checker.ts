/**
 * The exactly-once checker: compares what each client received against the published log.
 * A client passes when it got no event twice, every event in log order, contiguous `seq`
 * numbers, and no hole (an eligible logged event it never got) that a `gap` or `resync` notice
 * did not announce.
 */

/** What one client observed, in the order it observed it. */
export type ClientRecord =
  /** A sequenced frame: `id` names a logged event; omit it for frames outside the log (ticks). */
  | { readonly kind: 'event'; readonly id?: string | undefined; readonly seq: number | undefined }
  /** The client reported lost events (`gap` on a v4 connection). */
  | { readonly kind: 'gap' }
  /** The client could not recover missed events (`resync` with resume). */
  | { readonly kind: 'resync' };

/** One client to check. */
export interface CheckedClient {
  /** A name for the report. */
  readonly name: string;
  readonly records: readonly ClientRecord[];
  /** Whether the client should get a logged event (its scopes, its gateway). @default every event */
  readonly eligible?: (id: string) => boolean;
  /**
   * Log index of the first event the client must get (it was ready before it was published).
   * Eligible events from here to its first received event are holes unless announced.
   * @default the index of its first received event
   */
  readonly firstExpectedIndex?: number;
  /**
   * Whether the client must have every eligible event to the end of the log (the test let
   * deliveries settle). @default true
   */
  readonly complete?: boolean;
}

/** What went wrong for one client. */
export interface ExactlyOnceProblem {
  readonly client: string;
  readonly kind: 'duplicate' | 'unknown' | 'reorder' | 'seq' | 'hole';
  readonly message: string;
}

/** The checker's verdict. */
export interface ExactlyOnceReport {
  readonly ok: boolean;
  readonly problems: readonly ExactlyOnceProblem[];
  /** Holes that a `gap` or `resync` notice announced (allowed), per client. */
  readonly announcedHoles: ReadonlyMap<string, number>;
}

/** Check every client against `log` (the published event ids, in log order). */
export function checkExactlyOnce(log: readonly string[], clients: readonly CheckedClient[]): ExactlyOnceReport {
  const indexOf = new Map<string, number>();
  log.forEach((id, index) => {
    if (indexOf.has(id)) throw new Error(`checkExactlyOnce: the log has ${id} twice; event ids must be unique`);
    indexOf.set(id, index);
  });
  const problems: ExactlyOnceProblem[] = [];
  const announcedHoles = new Map<string, number>();
  for (const client of clients) {
    const result = checkClient(log, indexOf, client);
    problems.push(...result.problems);
    announcedHoles.set(client.name, result.announced);
  }
  return { ok: problems.length === 0, problems, announcedHoles };
}

/** Throw an error listing every problem (the first 20) unless the report is clean. */
export function assertExactlyOnce(report: ExactlyOnceReport): void {
  if (report.ok) return;
  const lines = report.problems.slice(0, 20).map((problem) => `- ${problem.client}: ${problem.kind}: ${problem.message}`);
  throw new Error(`exactly-once check failed with ${report.problems.length} problem(s):\n${lines.join('\n')}`);
}

function checkClient(
  log: readonly string[],
  indexOf: ReadonlyMap<string, number>,
  client: CheckedClient,
): { problems: ExactlyOnceProblem[]; announced: number } {
  const problems: ExactlyOnceProblem[] = [];
  const report = (kind: ExactlyOnceProblem['kind'], message: string) => problems.push({ client: client.name, kind, message });
  const eligible = client.eligible ?? (() => true);
  const seen = new Set<string>();
  let announced = 0;
  let lastIndex = (client.firstExpectedIndex ?? Number.NaN) - 1;
  let lastSeq: number | undefined;
  let noticeSinceLast = false;
  /** Eligible log entries strictly between two indexes, each a hole unless a notice came. */
  const holesBetween = (from: number, to: number) => {
    let count = 0;
    for (let index = from + 1; index < to; index++) {
      const id = log[index] as string;
      if (eligible(id) && !seen.has(id)) count++;
      if (eligible(id) && !seen.has(id) && !noticeSinceLast) report('hole', `missed ${id} (log index ${index})`);
    }
    if (noticeSinceLast) announced += count;
  };

  for (const record of client.records) {
    if (record.kind !== 'event') {
      noticeSinceLast = true;
      lastSeq = undefined;
      continue;
    }
    if (record.seq !== undefined && lastSeq !== undefined && record.seq !== lastSeq + 1) {
      report('seq', `seq ${record.seq} after ${lastSeq} without a gap or resync notice`);
    }
    if (record.seq !== undefined) lastSeq = record.seq;
    if (record.id === undefined) continue;
    const index = indexOf.get(record.id);
    if (index === undefined) {
      report('unknown', `${record.id} is not in the log`);
      continue;
    }
    if (seen.has(record.id)) {
      report('duplicate', `${record.id} received again`);
      continue;
    }
    if (index < lastIndex) report('reorder', `${record.id} (log index ${index}) after log index ${lastIndex}`);
    else if (!Number.isNaN(lastIndex)) holesBetween(lastIndex, index);
    seen.add(record.id);
    lastIndex = Math.max(Number.isNaN(lastIndex) ? index : lastIndex, index);
    noticeSinceLast = false;
  }
  if (client.complete ?? true) holesBetween(Number.isNaN(lastIndex) ? log.length : lastIndex, log.length);
  return { problems, announced };
}
