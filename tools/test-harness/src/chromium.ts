import { existsSync } from 'node:fs';

const INSTALL_HINT =
  'Install it with `apt-get update && apt-get install -y chromium` as root (`bash .ci/system-deps` does that), ' +
  'or set CHROME_PATH to a Chromium or Chrome executable.';

/** Chromium from `CHROME_PATH` when set, else Debian's `/usr/bin/chromium`; a missing browser throws (tests fail, never skip). */
export function findChromium(): string {
  const configured = process.env['CHROME_PATH'];
  if (configured !== undefined && configured !== '') {
    if (!existsSync(configured)) throw new Error(`CHROME_PATH is ${configured}, which does not exist. ${INSTALL_HINT}`);
    return configured;
  }
  if (!existsSync('/usr/bin/chromium')) throw new Error(`no Chromium found: CHROME_PATH is not set and /usr/bin/chromium does not exist. ${INSTALL_HINT}`);
  return '/usr/bin/chromium';
}

/** Flags for a quiet headless Chromium in a container: no sandbox, GPU, QUIC or background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
