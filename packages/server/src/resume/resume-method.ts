import { CloseCodes, resumeMethod, type EventFrame, type ResumeFailureReason, type ResumeParams, type ResumeResult } from '@gatewire/protocol';
import type { Connection } from '../connection/connection';
import type { MethodRegistry } from '../methods/method-registry';
import type { ReplayStream } from './replay-stream';
import type { ReplayStore } from './replay-store';
import { ownsStream } from './resume-ownership';

/** What `gateway.resume` works with. */
export interface ResumeHost {
  readonly replayStore: ReplayStore;
  /** A connection of this process by id. */
  connection(connId: string): Connection | undefined;
  /** Told each answer (for the instrumentation). */
  answered(connId: string, result: ResumeResult): void;
}

function failed(reason: ResumeFailureReason): ResumeResult {
  return { recovered: false, reason };
}

function replayed(frames: readonly string[]): ResumeResult {
  return { recovered: true, replayed: frames.length, events: frames.map((frame) => JSON.parse(frame) as EventFrame) };
}

/**
 * Answer `gateway.resume` for `caller`. Its own connection (gap repair): every recorded event after
 * `lastSeq`. A previous connection: the same, but only events broadcast before the caller (or the
 * `nextConnId` connection, when earlier) started receiving broadcasts, so nothing is both replayed
 * and live, or replayed from two streams; the previous stream is then claimed (it
 * collects nothing more) and, if its socket is still open, closed as superseded.
 */
export function resumeStream(caller: Connection, params: ResumeParams, host: ResumeHost): ResumeResult | Promise<ResumeResult> {
  const info = caller.info;
  if (info === undefined) return failed('unknown-connection');
  if (params.previousConnId === caller.connId) {
    if (caller.replay === undefined) return failed('not-enabled');
    const frames = caller.replay.buffer.after(params.lastSeq);
    return typeof frames === 'string' ? failed(frames) : replayed(frames);
  }
  const found = host.replayStore.find(params.previousConnId, Date.now());
  if (found === 'expired') return failed('expired');
  if (found === undefined) {
    const elsewhere = host.connection(params.previousConnId) === undefined ? host.replayStore.resumeElsewhere : undefined;
    return elsewhere === undefined ? unknownStream(caller, params.previousConnId, host) : resumeRemote(caller, params, host);
  }
  if (!ownsStream(found.owner, info, caller.scopeSet)) return failed('not-owner');
  return claimStream(caller, found, params, host);
}

/** The previous connection is not in this process: ask the store, which may find it on another gateway. */
async function resumeRemote(caller: Connection, params: ResumeParams, host: ResumeHost): Promise<ResumeResult> {
  const info = caller.info;
  if (info === undefined || host.replayStore.resumeElsewhere === undefined) return failed('unknown-connection');
  const answer = await host.replayStore.resumeElsewhere({
    caller: info,
    callerScopes: caller.scopeSet,
    previousConnId: params.previousConnId,
    lastSeq: params.lastSeq,
    beforeSerial: Math.min(caller.liveFromSerial, liveFrom(params.nextConnId, host)),
  });
  return answer ?? failed('unknown-connection');
}

function unknownStream(caller: Connection, connId: string, host: ResumeHost): ResumeResult {
  const live = host.connection(connId)?.info;
  if (live === undefined || caller.info === undefined) return failed('unknown-connection');
  return ownsStream(live, caller.info, caller.scopeSet) ? failed('not-enabled') : failed('not-owner');
}

/** Where the live stream of `connId` began (its first broadcast serial), when it is known. */
function liveFrom(connId: string | undefined, host: ResumeHost): number {
  if (connId === undefined) return Number.POSITIVE_INFINITY;
  const found = host.replayStore.find(connId, Date.now());
  if (typeof found === 'object') return found.liveFromSerial;
  return host.connection(connId)?.liveFromSerial ?? Number.POSITIVE_INFINITY;
}

function claimStream(caller: Connection, stream: ReplayStream, params: ResumeParams, host: ResumeHost): ResumeResult {
  const successorFrom = Math.min(caller.liveFromSerial, liveFrom(params.nextConnId, host));
  const cutoff = Math.min(successorFrom, stream.claimedBeforeSerial ?? Number.POSITIVE_INFINITY);
  const frames = stream.buffer.after(params.lastSeq, cutoff);
  if (typeof frames === 'string') return failed(frames);
  host.replayStore.claim(stream, successorFrom);
  if (stream.detachedAtMs === undefined) host.connection(stream.connId)?.close(CloseCodes.NORMAL, 'superseded by resume');
  return replayed(frames);
}

/** Register `gateway.resume` (the gateway does so only when resume is enabled). */
export function registerResumeMethod(registry: MethodRegistry, host: ResumeHost): void {
  registry.register(resumeMethod, (params, context) => {
    const connId = context.connection.connId;
    const caller = host.connection(connId);
    const result = caller === undefined ? failed('unknown-connection') : resumeStream(caller, params as ResumeParams, host);
    if (!(result instanceof Promise)) {
      host.answered(connId, result);
      return result;
    }
    return result.then((settled) => {
      host.answered(connId, settled);
      return settled;
    });
  });
}
