import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { formatTlsFingerprint, normalizeTlsFingerprint } from '@gatewire/protocol';
import { CliError } from '../config/errors';
import { ExitCodes } from '../exit-codes';

/** Where a TLS file setting came from, to name it in errors (`--tls-cert` or `tls.cert in …`). */
export interface TlsFileSources {
  readonly cert: string;
  readonly key: string;
}

/**
 * Read the certificate and key before listening, so a missing or unreadable file is a config error
 * (exit 3) that names the flag or the config key, not a raw `ENOENT`. Returns the certificate's
 * SHA-256 fingerprint (`sha256:AB:CD:…`) when it is self-signed (clients must pin it), else `undefined`.
 */
export async function checkTlsFiles(tls: { cert: string; key: string }, sources: TlsFileSources): Promise<{ selfSignedFingerprint: string | undefined }> {
  const cert = await readSetting(tls.cert, sources.cert);
  await readSetting(tls.key, sources.key);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch (error) {
    throw new CliError(`${sources.cert} (${tls.cert}) is not a PEM certificate: ${(error as Error).message}`, ExitCodes.CONFIG, { cause: error, code: 'TLS_CERT_INVALID' });
  }
  const normalized = normalizeTlsFingerprint(certificate.fingerprint256);
  const selfSigned = certificate.checkIssued(certificate);
  return { selfSignedFingerprint: selfSigned && normalized !== undefined ? (formatTlsFingerprint(normalized) ?? normalized) : undefined };
}

async function readSetting(path: string, source: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CliError(`cannot read ${source} ${path}: ${why}${code === undefined ? '' : ` (${code})`}`, ExitCodes.CONFIG, { cause: error, code: code ?? 'CONFIG' });
  }
}
