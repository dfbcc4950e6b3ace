import { verifyDevicePayload } from '@gatewire/protocol/lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeviceAuth } from '../src/device-auth';
import { deviceAuth, DeviceIdentity } from '../src/device';
import { GatewayClient } from '../src/index';
import { GatewayClient as NodeGatewayClient, nodeDeviceSigner } from '../src/node';
import { resolveClientOptions } from '../src/resolve-options';
import { track } from './helpers/cleanup';
import { startRealGateway, TOKEN } from './helpers/real-gateway';

const PAYLOAD = 'v3|device|gateway-client|backend|operator|operator.admin|1700000000000|token|nonce|linux|';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('nodeDeviceSigner (node:crypto)', () => {
  it('makes the signature DeviceIdentity.sign (WebCrypto) makes: same bytes, base64url without padding', async () => {
    for (const extractable of [true, false]) {
      const identity = await DeviceIdentity.generate({ extractable });
      const signature = nodeDeviceSigner(identity, PAYLOAD);
      expect(typeof signature).toBe('string');
      expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
      expect(signature).toBe(await identity.sign(PAYLOAD));
      expect(nodeDeviceSigner(identity, `${PAYLOAD}é`)).toBe(await identity.sign(`${PAYLOAD}é`));
      expect(await verifyDevicePayload(identity.publicKey, PAYLOAD, signature as string)).toBe(true);
    }
  });

  it('leaves a private key that is not a Node CryptoKey to WebCrypto, which refuses it as identity.sign does', async () => {
    const real = await DeviceIdentity.generate();
    const foreignKey = { type: 'private', extractable: false, algorithm: { name: 'Ed25519' }, usages: ['sign'] };
    const foreign = await DeviceIdentity.fromKeyPair({ publicKey: real.keyPair.publicKey, privateKey: foreignKey });
    const sign = vi.spyOn(crypto.subtle, 'sign');
    await expect(Promise.resolve().then(() => nodeDeviceSigner(foreign, PAYLOAD))).rejects.toThrow(TypeError);
    expect(sign).toHaveBeenCalledTimes(1);
  });
});

describe('DeviceAuth.prepareConnect with a device identity and no store', () => {
  it('builds the signed params at once with the Node signer, and as a promise with WebCrypto', async () => {
    const device = await DeviceIdentity.generate();
    const options = resolveClientOptions({ url: 'ws://127.0.0.1:1', auth: { token: 'secret' }, deviceAuth: deviceAuth({ device }), client: { platform: 'linux' } });
    const challenge = { nonce: 'nonce-1', ts: 1_700_000_000_000 };
    const atOnce = new DeviceAuth(options, nodeDeviceSigner).prepareConnect(challenge);
    const later = new DeviceAuth(options).prepareConnect(challenge);
    expect(atOnce).not.toBeInstanceOf(Promise);
    expect(later).toBeInstanceOf(Promise);
    const signed = await later;
    expect(atOnce).toEqual(signed);
    const { signature } = signed.params.device ?? { signature: '' };
    expect(await verifyDevicePayload(device.publicKey, `v3|${device.deviceId}|gateway-client|backend|operator|operator.admin|1700000000000|secret|nonce-1|linux|`, signature)).toBe(true);
  });
});

describe('the Node builds sign the connect payload with node:crypto', () => {
  it.each([
    ['@gatewire/client', GatewayClient],
    ['@gatewire/client/node', NodeGatewayClient],
  ])('%s: the real gateway verifies the signature over a real socket; WebCrypto never signs', async (_entry, Client) => {
    const { url } = await startRealGateway();
    const device = await DeviceIdentity.generate();
    const webCryptoSign = vi.spyOn(crypto.subtle, 'sign');
    const client = track(new Client({ url, auth: { token: TOKEN }, deviceAuth: deviceAuth({ device }), reconnect: false }));
    const hello = await client.connect();
    // The gateway issues a device token only to a device whose signature it verified.
    expect(hello.auth.deviceToken).toEqual(expect.any(String));
    const paired = await client.request('device.pair.list', {});
    expect(paired.paired.map((record) => record.deviceId)).toEqual([device.deviceId]);
    expect(webCryptoSign).not.toHaveBeenCalled();
  });
});
