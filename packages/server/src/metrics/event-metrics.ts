import { Counter, Histogram, type Registry } from 'prom-client';
import type { Instrumentation } from '../instrumentation/instrumentation';
import type { InstrumentationEvents } from '../instrumentation/instrumentation-events';
import { BoundedLabel, UNREGISTERED_METHOD_LABEL } from './bounded-labels';
import type { ResolvedMetricsOptions } from './metrics-options';
import { RequestDurationHistogram } from './request-duration-histogram';
import { RequestTally } from './request-tally';

/**
 * The metrics counted from instrumentation events: handshakes, upgrade refusals, requests and their
 * latency, busy answers, resumes, node invokes and their latency, auth lockouts. Labels are bounded:
 * `method` only for registered methods, codes and outcomes from the gateway's code tables (each
 * capped by a {@link BoundedLabel}); never a connection, client or node id. Returns the
 * unsubscribe function.
 */
export function registerEventMetrics(registry: Registry, options: ResolvedMetricsOptions, instrumentation: Instrumentation): () => void {
  const { prefix } = options;
  const registers = [registry];
  const handshakes = new Counter({
    name: `${prefix}handshakes_total`,
    help: 'Handshakes answered, by outcome (ok, refused) and refusal code (details.code, else the error code; "none" when ok).',
    labelNames: ['outcome', 'code'] as const,
    registers,
  });
  const upgradeRefusals = new Counter({ name: `${prefix}upgrade_refusals_total`, help: 'HTTP upgrades refused before any WebSocket frame, by HTTP status and refusal type.', labelNames: ['status', 'type'] as const, registers });
  const requestTally = new RequestTally();
  new Counter({
    name: `${prefix}requests_total`,
    help: 'Requests answered, by method and outcome (ok, error, refused, busy, aborted).',
    labelNames: ['method', 'outcome'] as const,
    registers,
    collect() {
      requestTally.addTo(this);
    },
  });
  const requestDuration = new RequestDurationHistogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Time from a request frame to its answer, by method.',
    buckets: options.requestDurationBucketsSeconds,
    registers,
  });
  const busy = new Counter({ name: `${prefix}busy_answers_total`, help: 'Requests answered busy, by the bound that was full (connection, gateway).', labelNames: ['limit'] as const, registers });
  const resumes = new Counter({ name: `${prefix}resume_attempts_total`, help: 'gateway.resume answers, by outcome (recovered or the failure reason).', labelNames: ['outcome'] as const, registers });
  const invokes = new Counter({ name: `${prefix}node_invokes_total`, help: 'node.invoke calls ended, by outcome.', labelNames: ['outcome'] as const, registers });
  const invokeDuration = new Histogram({ name: `${prefix}node_invoke_duration_seconds`, help: 'Time from node.invoke to its end.', buckets: [...options.nodeInvokeDurationBucketsSeconds], registers });
  const lockouts = new Counter({ name: `${prefix}auth_lockouts_total`, help: 'Addresses locked out after too many failed handshakes.', registers });

  const refusalCodes = new BoundedLabel();
  const upgradeTypes = new BoundedLabel();
  const resumeOutcomes = new BoundedLabel();
  const invokeOutcomes = new BoundedLabel();
  const unsubscribers: Array<() => void> = [];
  const on = <K extends keyof InstrumentationEvents>(event: K, listener: InstrumentationEvents[K]): void => {
    instrumentation.on(event, listener as never);
    unsubscribers.push(() => instrumentation.off(event, listener as never));
  };
  on('handshake', (event) => handshakes.inc({ outcome: event.outcome, code: event.refusalCode === undefined ? 'none' : refusalCodes.of(event.refusalCode) }));
  on('upgrade-refused', (event) => upgradeRefusals.inc({ status: String(event.status), type: upgradeTypes.of(event.type) }));
  on('request', (event) => {
    const method = event.registered ? event.method : UNREGISTERED_METHOD_LABEL;
    requestTally.count(method, event.outcome);
    requestDuration.observeMethod(method, event.durationMs / 1000);
  });
  on('busy', (event) => busy.inc({ limit: event.limit }));
  on('resume', (event) => resumes.inc({ outcome: resumeOutcomes.of(event.outcome) }));
  on('node-invoke', (event) => {
    invokes.inc({ outcome: invokeOutcomes.of(event.outcome) });
    invokeDuration.observe(event.durationMs / 1000);
  });
  on('auth-lockout', () => lockouts.inc());
  return () => {
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  };
}
