import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { writePrivateFile } from '@gatewire/protocol/node';

/** What a service unit runs. */
export interface ServiceSpec {
  /** Absolute path of the node executable. */
  readonly nodePath: string;
  /** Absolute path of the gatewire bin script. */
  readonly binPath: string;
  /** `$GATEWIRE_HOME` for the service. */
  readonly home: string;
  /** Extra arguments after `start`. */
  readonly args: readonly string[];
}

/** A systemd user unit that keeps the gateway running and restarts it on failure. */
export function systemdUnit(spec: ServiceSpec): string {
  const command = [spec.nodePath, spec.binPath, 'start', ...spec.args].map(quoteSystemd).join(' ');
  return [
    '[Unit]',
    'Description=Gatewire gateway',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `Environment=${quoteSystemd(`GATEWIRE_HOME=${spec.home}`)}`,
    `ExecStart=${command}`,
    'ExecReload=/bin/kill -HUP $MAINPID',
    'KillSignal=SIGTERM',
    'Restart=on-failure',
    'RestartSec=2',
    'NoNewPrivileges=true',
    'PrivateTmp=true',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

/** A launchd agent plist that keeps the gateway running. */
export function launchdPlist(spec: ServiceSpec): string {
  const args = [spec.nodePath, spec.binPath, 'start', ...spec.args].map((arg) => `    <string>${escapeXml(arg)}</string>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>dev.gatewire.gateway</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>EnvironmentVariables</key>
  <dict>
    <key>GATEWIRE_HOME</key>
    <string>${escapeXml(spec.home)}</string>
  </dict>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <true/>
  <key>StandardOutPath</key>
  <string>${escapeXml(join(spec.home, 'gateway.log'))}</string>
  <key>StandardErrorPath</key>
  <string>${escapeXml(join(spec.home, 'gateway.log'))}</string>
</dict>
</plist>
`;
}

/** Where `--write` puts the unit for the current user. */
export function serviceUnitPath(kind: 'systemd' | 'launchd'): string {
  return kind === 'systemd'
    ? join(homedir(), '.config', 'systemd', 'user', 'gatewire.service')
    : join(homedir(), 'Library', 'LaunchAgents', 'dev.gatewire.gateway.plist');
}

/** Write a unit file (0600, atomically), creating its directory. */
export async function writeServiceUnit(path: string, contents: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writePrivateFile(path, contents);
}

function quoteSystemd(value: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
