import type { Style } from '../output/style';
import { shellQuote } from './cli-invocation';

/** What the banner of `gatewire start` needs to know. */
export interface BannerFacts {
  readonly url: string;
  /** How to run this CLI again (`gatewire`, `npx gatewire`, `node packages/cli/dist/bin.js`). */
  readonly command: string;
  /** Whether `status` without `--url` would reach this gateway (the URL the config file gives). */
  readonly reachableByDefault: boolean;
  /** Fingerprint clients must pin (self-signed certificate), `sha256:AB:…`. */
  readonly pinFingerprint: string | undefined;
  /** `$GATEWIRE_HOME` when set in the environment (other shells need it too). */
  readonly home: string | undefined;
  readonly tokenFile: string;
  /** The token, when this start created it (shown once). */
  readonly createdToken: string | undefined;
  /** Whether the gateway uses the token file (token auth without a configured token). */
  readonly usesTokenFile: boolean;
  /** Whether the monitor page is served (`--monitor`). */
  readonly monitorPage?: boolean;
}

/** The lines `gatewire start` prints on stderr once it listens: where, the token, exact next steps. */
export function startBanner(facts: BannerFacts, style: Style): string[] {
  const lines = [`${style.ok('Gatewire gateway listening on')} ${facts.url}`];
  if (facts.createdToken !== undefined) {
    lines.push(`${style.bold('New token (shown once):')} ${facts.createdToken}`);
    lines.push(`Stored in ${facts.tokenFile} (mode 0600).`);
  } else if (facts.usesTokenFile) {
    lines.push(`Token: in ${facts.tokenFile}`);
  }
  const prefix = facts.home === undefined ? '' : `GATEWIRE_HOME=${shellQuote(facts.home)} `;
  const target = [
    ...(facts.reachableByDefault ? [] : ['--url', facts.url]),
    ...(facts.pinFingerprint === undefined ? [] : ['--tls-fingerprint', facts.pinFingerprint]),
  ].join(' ');
  const run = (subcommand: string) => `${prefix}${facts.command} ${subcommand}${target === '' ? '' : ` ${target}`}`;
  lines.push('Next steps:');
  lines.push(`  Check it:  ${run('status')}`);
  lines.push(`  Diagnose:  ${run('doctor')}`);
  if (facts.usesTokenFile) lines.push(`  Clients:   export GATEWIRE_TOKEN="$(cat ${shellQuote(facts.tokenFile)})"   (then connect to ${facts.url})`);
  if (facts.monitorPage === true && !facts.url.startsWith('ws+unix:')) lines.push(`  Monitor:   ${monitorPageUrl(facts.url)}   (sign in with the token)`);
  lines.push('  Stop:      Ctrl-C');
  return lines;
}

/** The `/monitor` page of a gateway served at `url` (`ws://host:port/…` → `http://host:port/monitor`). */
export function monitorPageUrl(url: string): string {
  const page = new URL(url.replace(/^ws/, 'http'));
  return `${page.origin}/monitor`;
}
