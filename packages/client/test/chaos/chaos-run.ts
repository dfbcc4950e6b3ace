/**
 * One chaos run against a single gateway: clients behind fault proxies, steady traffic, a seeded
 * fault plan (resets, closes by the gateway, stalls longer than the tick watchdog, fragmentation,
 * slow readers, a gateway restart), then every fault lifted and the outcome collected for the checks: what each client
 * received against what was published, and how often each keyed request was executed.
 */
import { checkExactlyOnce, type ExactlyOnceReport } from '@gatewire/test-harness';
import { ChaosClient } from './chaos-client';
import { ChaosGateway, type ChaosGatewaySettings } from './chaos-gateway';
import { ChaosTraffic, type TrafficSettings } from './chaos-traffic';
import { planFaults, type FaultKind, type FaultStep } from './fault-plan';

/** Settings of a chaos run. */
export interface ChaosSettings {
  readonly gateway: ChaosGatewaySettings;
  readonly traffic: TrafficSettings;
  readonly resumableClients: number;
  /** Clients without resume: they must report every loss of their current connection with `gap`. */
  readonly plainClients: number;
  /** Resumable clients that also send keyed requests. */
  readonly requestingClients: number;
  readonly steps: number;
  /** Events published while a reset or fragment fault lasts. */
  readonly eventsPerFault: number;
  /** Longest wait for the last event once every fault is lifted (a backstop, never reached when all is well). */
  readonly settleBackstopMs: number;
}

/** What a chaos run observed. */
export interface ChaosOutcome {
  readonly plan: readonly FaultStep[];
  readonly published: number;
  readonly exactlyOnce: ExactlyOnceReport;
  /** Keyed requests that did not succeed, with why. */
  readonly failedRequests: readonly string[];
  /** Keys executed other than exactly once (`key: count`). */
  readonly wrongExecutions: readonly string[];
  readonly keyedRequests: number;
  /**
   * What the slow readers caused: events the gateway dropped for them, plus their connections
   * closed (1008 "slow consumer" by the gateway, or the client's own tick watchdog).
   */
  readonly slowReaderEffects: number;
  /** Faults applied, by kind. */
  readonly applied: Readonly<Record<FaultKind, number>>;
}

/** Progress lines on stderr with `GATEWIRE_CHAOS_DEBUG=1`. */
const debug = process.env['GATEWIRE_CHAOS_DEBUG'] === undefined ? () => undefined : (line: string) => console.error(`${new Date().toISOString()} ${line}`);

export async function runChaos(seed: number, settings: ChaosSettings): Promise<ChaosOutcome> {
  const gateway = await ChaosGateway.start(settings.gateway);
  const clients: ChaosClient[] = [];
  let traffic: ChaosTraffic | undefined;
  try {
    for (let index = 0; index < settings.resumableClients + settings.plainClients; index++) {
      const resumable = index < settings.resumableClients;
      clients.push(await ChaosClient.start(`${resumable ? 'resume' : 'plain'}-${index}`, gateway.port, resumable));
    }
    const plan = planFaults(seed, clients.length, settings.steps);
    traffic = new ChaosTraffic(gateway, clients.slice(0, settings.requestingClients), settings.traffic);
    let slowReaderEffects = 0;
    const applied: Record<FaultKind, number> = { reset: 0, close: 0, stall: 0, fragment: 0, 'slow-reader': 0, restart: 0 };
    for (const step of plan) {
      debug(`chaos: ${step.kind} on [${step.targets.join(', ')}] (${step.amount})`);
      slowReaderEffects += await applyFault(step, clients, gateway, traffic, settings.eventsPerFault);
      applied[step.kind] += 1;
    }
    debug('chaos: healing');
    for (const client of clients) client.heal();
    await Promise.all(clients.map((client) => client.connected()));
    debug('chaos: all connected');
    await traffic.quiesceRequests();
    debug('chaos: keyed requests settled');
    traffic.stop();
    // One last event once everyone is connected: each client must end with it.
    gateway.publish(false);
    const last = gateway.log.at(-1) as string;
    // A backstop only: a client still without it after this shows as a hole in the check.
    await Promise.race([Promise.all(clients.map((client) => client.received(last))), delay(settings.settleBackstopMs)]);
    for (const client of clients) {
      if (!client.hasReceived(last)) debug(`chaos: ${client.name} (${client.client.state}) lacks ${last}; last records ${JSON.stringify(client.records.slice(-6))}`);
    }
    return { plan, published: gateway.log.length, applied, slowReaderEffects, ...(await collect(gateway, clients)) };
  } finally {
    traffic?.stop();
    await Promise.all(clients.map((client) => client.close()));
    await gateway.close();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Apply one fault for its duration, then lift it; resolves with the slow readers' effects (else 0). */
async function applyFault(step: FaultStep, clients: readonly ChaosClient[], gateway: ChaosGateway, traffic: ChaosTraffic, events: number): Promise<number> {
  const targets = step.targets.map((index) => clients[index] as ChaosClient);
  // Each fault meets an established connection (a stall of a client still connecting would be
  // cut by the connect timeout, not by the tick watchdog).
  await Promise.all((step.kind === 'restart' ? clients : targets).map((client) => client.connected()));
  switch (step.kind) {
    case 'reset': {
      const reconnected = targets.map((target) => target.nextHello());
      for (const target of targets) target.proxy.dropConnections();
      await Promise.all([...reconnected, traffic.advance(events)]);
      return 0;
    }
    case 'close': {
      const reconnected = targets.map((target) => target.nextHello());
      for (const target of targets) gateway.disconnect(target.client.hello?.server.connId ?? '');
      await Promise.all([...reconnected, traffic.advance(events)]);
      return 0;
    }
    case 'stall': {
      // Longer than the tick watchdog: held until each client gave the connection up.
      const givenUp = targets.map((target) => target.nextDisconnect());
      for (const target of targets) target.proxy.stall();
      await Promise.all(givenUp);
      for (const target of targets) target.proxy.unstall();
      return 0;
    }
    case 'fragment':
      for (const target of targets) target.proxy.fragment(step.amount);
      await traffic.advance(events);
      for (const target of targets) target.proxy.fragment(undefined);
      return 0;
    case 'slow-reader': {
      // Read slowly and push bulk events until the gateway drops some for the slow readers, or
      // their connections close (the gateway's 1008 "slow consumer" when a non-droppable event
      // meets the full buffer, or the client's watchdog when even ticks come too late).
      const droppedBefore = gateway.droppedEvents();
      let closed = 0;
      for (const target of targets) void target.nextDisconnect().then(() => (closed += 1));
      for (const target of targets) target.proxy.slowReader(step.amount);
      for (let burst = 0; gateway.droppedEvents() === droppedBefore && closed < targets.length; burst++) {
        if (burst === 2_000) throw new Error('chaos: the slow readers were neither dropped from nor closed');
        for (let bulk = 0; bulk < 4; bulk++) gateway.publish(true);
        await traffic.advance(1);
      }
      await traffic.advance(events);
      for (const target of targets) target.proxy.slowReader(undefined);
      return gateway.droppedEvents() - droppedBefore + closed;
    }
    case 'restart':
      // The in-memory idempotency cache does not survive a restart: no keyed request may straddle it.
      await traffic.quiesceRequests();
      await gateway.restart();
      traffic.resumeRequests();
      await traffic.advance(events);
      return 0;
  }
}

async function collect(gateway: ChaosGateway, clients: readonly ChaosClient[]) {
  const exactlyOnce = checkExactlyOnce(
    gateway.log,
    clients.map((client) => ({ name: client.name, records: client.records, firstExpectedIndex: 0 })),
  );
  const failedRequests: string[] = [];
  let keyedRequests = 0;
  for (const client of clients) {
    for (const [key, outcome] of client.requests) {
      keyedRequests += 1;
      const settled = await outcome;
      if (settled !== 'ok') failedRequests.push(`${key}: ${settled.message}`);
    }
  }
  const wrongExecutions: string[] = [];
  const sent = new Set(clients.flatMap((client) => [...client.requests.keys()]));
  for (const key of sent) if (gateway.executions.get(key) !== 1) wrongExecutions.push(`${key}: ${gateway.executions.get(key) ?? 0}`);
  for (const key of gateway.executions.keys()) if (!sent.has(key)) wrongExecutions.push(`${key}: executed, never sent`);
  return { exactlyOnce, failedRequests, wrongExecutions, keyedRequests };
}
