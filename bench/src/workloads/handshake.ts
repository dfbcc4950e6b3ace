import type { HandshakeResult } from '../harness/messages';
import { DEVICE_KEY_COUNT, deviceKeys } from '../systems/shared/device-keys';
import type { AuthKind, ClientConnectOptions, SystemClientModule } from '../systems/types';
import { sleep } from '../sleep';
import { MeasurementWindow } from './measurement-window';

export interface HandshakeParameters {
  readonly auth: AuthKind;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

/**
 * `concurrency` lanes each open a connection, complete the handshake (through `hello-ok` or the
 * system's equivalent), close it and start again. Counts completed handshakes in the window.
 */
export async function runHandshake(
  module: SystemClientModule,
  base: ClientConnectOptions,
  parameters: HandshakeParameters,
): Promise<HandshakeResult> {
  const keys = deviceKeys(DEVICE_KEY_COUNT);
  const window = new MeasurementWindow();
  let completed = 0;
  let errors = 0;
  let attempt = 0;

  async function lane(): Promise<void> {
    while (!window.stopped) {
      const device = keys[attempt++ % keys.length];
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
  await Promise.race([Promise.all(lanes), sleep(2000)]);
  return { kind: 'handshake', completed, errors, elapsedMs: window.elapsedMs };
}
