import type { DeviceRecord, DeviceStore } from './device-store';

/** A {@link DeviceStore} in memory: pairings last as long as the process. The default. */
export class MemoryDeviceStore implements DeviceStore {
  readonly #devices = new Map<string, DeviceRecord>();

  async get(deviceId: string): Promise<DeviceRecord | undefined> {
    return this.#devices.get(deviceId);
  }

  async put(record: DeviceRecord): Promise<void> {
    this.#devices.set(record.deviceId, record);
  }

  async delete(deviceId: string): Promise<void> {
    this.#devices.delete(deviceId);
  }

  async list(): Promise<DeviceRecord[]> {
    return [...this.#devices.values()];
  }
}
