import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** A generated self-signed certificate for 127.0.0.1/localhost, with its SHA-256 fingerprint. */
export interface TestCertificate {
  readonly cert: string;
  readonly key: string;
  readonly fingerprint256: string;
}

/** Generate a certificate valid from `notBefore` to `notAfter` (defaults: yesterday to next year). */
export async function makeCertificate(validity: { notBefore?: Date; notAfter?: Date } = {}): Promise<TestCertificate> {
  const day = 86_400_000;
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    notBeforeDate: validity.notBefore ?? new Date(Date.now() - day),
    notAfterDate: validity.notAfter ?? new Date(Date.now() + 365 * day),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  return { cert: pems.cert, key: pems.private, fingerprint256: new X509Certificate(pems.cert).fingerprint256 };
}
