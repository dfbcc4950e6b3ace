import type { HandshakeResult, HandshakeWindowsWorkload, LoadToHarness } from '../harness/messages';
import { DEVICE_KEY_COUNT, deviceKeys, type DeviceKey } from '../systems/shared/device-keys';
import type { AuthKind, ClientConnectOptions, SystemClientModule } from '../systems/types';
import { sleep } from '../sleep';
import { Inbox } from './inbox';
import { MeasurementWindow, type WindowEdge } from './measurement-window';

export interface HandshakeParameters {
  readonly auth: AuthKind;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

/** How long a window waits for its lanes' last handshakes after it ends, ms. */
const DRAIN_TIMEOUT_MS = 2000;

/**
 * `concurrency` lanes each open a connection, complete the handshake (through `hello-ok` or the
 * system's equivalent), close it and start again. Counts completed handshakes in the window.
 */
export function runHandshake(module: SystemClientModule, base: ClientConnectOptions, parameters: HandshakeParameters): Promise<HandshakeResult> {
  return handshakeWindow(module, base, parameters, new DeviceRotation());
}

/**
 * The handshake load run only inside the windows the harness asks for (`window`), idle in between,
 * until `stop`: each window reports `window-start` and `window-end` (the harness samples the
 * server's CPU time there), then a `window-result`.
 */
export async function runHandshakeWindows(
  module: SystemClientModule,
  base: ClientConnectOptions,
  workload: HandshakeWindowsWorkload,
  send: (message: LoadToHarness) => void,
): Promise<void> {
  const inbox = Inbox.listen();
  const devices = new DeviceRotation();
  send({ kind: 'ready', connected: 0 });
  for (;;) {
    const message = await inbox.next();
    if (message.kind === 'stop') return;
    if (message.kind !== 'window') continue;
    const parameters = { auth: workload.auth, concurrency: workload.concurrency, warmupMs: message.warmupMs, durationMs: message.durationMs };
    send({ kind: 'window-result', result: await handshakeWindow(module, base, parameters, devices, (edge) => send({ kind: edge })) });
  }
}

/** The paired device keys, handed out in turn (every lane signs with a different one). */
class DeviceRotation {
  readonly #keys = deviceKeys(DEVICE_KEY_COUNT);
  #next = 0;

  take(): DeviceKey | undefined {
    return this.#keys[this.#next++ % this.#keys.length];
  }
}

async function handshakeWindow(
  module: SystemClientModule,
  base: ClientConnectOptions,
  parameters: HandshakeParameters,
  devices: DeviceRotation,
  onEdge?: (edge: WindowEdge) => void,
): Promise<HandshakeResult> {
  const window = new MeasurementWindow(onEdge);
  let completed = 0;
  let errors = 0;

  async function lane(): Promise<void> {
    while (!window.stopped) {
      const device = devices.take();
      try {
        const client = await module.connect({ ...base, auth: parameters.auth, ...(device === undefined ? {} : { device }) });
        if (window.measuring) completed++;
        client.close();
      } catch {
        errors++;
        await sleep(5);
      }
    }
  }

  const lanes = Array.from({ length: parameters.concurrency }, () => lane());
  await window.run(parameters.warmupMs, parameters.durationMs);
  await Promise.race([Promise.all(lanes), sleep(DRAIN_TIMEOUT_MS)]);
  return { kind: 'handshake', completed, errors, elapsedMs: window.elapsedMs, clientCpuUs: window.cpuUs };
}
