import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchdPlist, systemdUnit, writeServiceUnit } from '../src/commands/service';

const spec = { nodePath: '/usr/bin/node', binPath: '/opt/gw/bin.js', home: '/home/me/.gatewire', args: ['--port', '18789'] };

describe('service units', () => {
  it('systemd: runs gatewire start with the home, restarts on failure, reloads with HUP', () => {
    const unit = systemdUnit(spec);
    expect(unit).toContain('ExecStart=/usr/bin/node /opt/gw/bin.js start --port 18789');
    expect(unit).toContain('Environment=GATEWIRE_HOME=/home/me/.gatewire');
    expect(unit).toContain('Restart=on-failure');
    expect(unit).toContain('ExecReload=/bin/kill -HUP $MAINPID');
    expect(unit).toContain('WantedBy=default.target');
  });

  it('systemd: quotes paths with spaces', () => {
    const unit = systemdUnit({ ...spec, home: '/home/me/My Gateway' });
    expect(unit).toContain('Environment="GATEWIRE_HOME=/home/me/My Gateway"');
  });

  it('launchd: keeps the agent alive and escapes XML', () => {
    const plist = launchdPlist({ ...spec, home: '/Users/a&b' });
    expect(plist).toContain('<key>KeepAlive</key>\n  <true/>');
    expect(plist).toContain('<string>start</string>');
    expect(plist).toContain('<string>/Users/a&amp;b</string>');
    expect(plist).not.toContain('a&b');
  });

  it('writes a unit file with mode 0600', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatewire-unit-'));
    try {
      const path = join(dir, 'nested', 'gatewire.service');
      await writeServiceUnit(path, systemdUnit(spec));
      expect(await readFile(path, 'utf8')).toBe(systemdUnit(spec));
      expect((await stat(path)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps the old unit file when a write fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatewire-unit-'));
    try {
      // A valid 240-character name whose temporary sibling's name is too long: the write fails.
      const path = join(dir, 'u'.repeat(240));
      await writeFile(path, 'old\n', { mode: 0o600 });
      await expect(writeServiceUnit(path, systemdUnit(spec))).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
      expect(await readFile(path, 'utf8')).toBe('old\n');
      expect(await readdir(dir)).toEqual(['u'.repeat(240)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
