import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../src/config/errors';
import { ensureToken, readStoredToken, resetToken, resolveHome } from '../src/config/home';
import { loadConfig, parseConfigText } from '../src/config/load';
import { ExitCodes } from '../src/exit-codes';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatewire-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveHome', () => {
  it('uses GATEWIRE_HOME, else ~/.gatewire', () => {
    expect(resolveHome({ GATEWIRE_HOME: '/srv/gw' }).tokenFile).toBe('/srv/gw/token');
    expect(resolveHome({}).dir.endsWith('.gatewire')).toBe(true);
  });
});

describe('tokens', () => {
  it('creates a 32-byte hex token once, with file mode 0600, and reuses it', async () => {
    const home = resolveHome({ GATEWIRE_HOME: join(dir, 'home') });
    const first = await ensureToken(home);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(home.tokenFile)).mode & 0o777).toBe(0o600);
    expect((await stat(home.dir)).mode & 0o777).toBe(0o700);
    const second = await ensureToken(home);
    expect(second).toEqual({ token: first.token, created: false });
  });

  it('resets to a different token, still 0600', async () => {
    const home = resolveHome({ GATEWIRE_HOME: dir });
    const { token } = await ensureToken(home);
    const next = await resetToken(home);
    expect(next).not.toBe(token);
    expect(await readStoredToken(home)).toBe(next);
    expect((await stat(home.tokenFile)).mode & 0o777).toBe(0o600);
  });

  it('leaves the token file 0600 when the old one was 0644', async () => {
    const home = resolveHome({ GATEWIRE_HOME: dir });
    await writeFile(home.tokenFile, 'old\n');
    await chmod(home.tokenFile, 0o644);
    const next = await resetToken(home);
    expect(await readStoredToken(home)).toBe(next);
    expect((await stat(home.tokenFile)).mode & 0o777).toBe(0o600);
  });
});

describe('config files', () => {
  it('returns an empty config when there is no file', async () => {
    expect(await loadConfig(resolveHome({ GATEWIRE_HOME: dir }))).toEqual({ config: {}, path: undefined });
  });

  it('loads YAML from the home directory', async () => {
    await writeFile(join(dir, 'config.yaml'), 'port: 19000\nbind: loopback\nauth:\n  mode: password\n  password: correct-horse\nlog:\n  format: json\n');
    const loaded = await loadConfig(resolveHome({ GATEWIRE_HOME: dir }));
    expect(loaded.path).toBe(join(dir, 'config.yaml'));
    expect(loaded.config).toEqual({ port: 19000, bind: 'loopback', auth: { mode: 'password', password: 'correct-horse' }, log: { format: 'json' } });
  });

  it('loads JSON given explicitly, and fails clearly when the explicit file is missing', async () => {
    const path = join(dir, 'gw.json');
    await writeFile(path, JSON.stringify({ tickIntervalMs: 5000, limits: { maxConnections: 10 } }));
    expect((await loadConfig(resolveHome({ GATEWIRE_HOME: dir }), path)).config).toEqual({ tickIntervalMs: 5000, limits: { maxConnections: 10 } });
    await expect(loadConfig(resolveHome({ GATEWIRE_HOME: dir }), join(dir, 'missing.yaml'))).rejects.toThrow(/cannot read config file/);
  });

  it.each([
    ['port: 70000', /at \/port: /],
    ['prot: 1', /at root: unexpected property 'prot'/],
    ['auth:\n  mode: magic', /at \/auth\/mode: /],
    ['auth:\n  token: short', /at \/auth\/token: /],
    ['limits:\n  maxConnections: 0', /at \/limits\/maxConnections: /],
    ['tls:\n  cert: a.pem', /at \/tls: missing required property 'key'/],
    ['log:\n  level: loud', /at \/log\/level: /],
  ])('names the field of a bad config: %j', (text, pattern) => {
    let error: unknown;
    try {
      parseConfigText(text, '/etc/gatewire/config.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCodes.CONFIG);
    expect((error as CliError).message).toMatch(/^invalid config file \/etc\/gatewire\/config.yaml: /);
    expect((error as CliError).message).toMatch(pattern);
  });

  it('reports YAML and JSON syntax errors with the file name', () => {
    expect(() => parseConfigText('port: [1,', 'c.yaml')).toThrow(/^invalid config file c.yaml: /);
    expect(() => parseConfigText('{"port": 1', 'c.json')).toThrow(/^invalid config file c.json: /);
  });

  it('lists every problem of a bad config, not only the first', () => {
    let message = '';
    try {
      parseConfigText('port: 70000\nprot: 1\nlimits:\n  maxConnections: 0\n', 'c.yaml');
    } catch (error) {
      message = (error as CliError).message;
    }
    expect(message).toMatch(/^invalid config file c\.yaml \(3 problems\):\n/);
    for (const problem of [/\n {2}- at \/port: /, /\n {2}- at root: unexpected property 'prot'/, /\n {2}- at \/limits\/maxConnections: /]) expect(message).toMatch(problem);
  });

  it('keeps the code frame of a YAML syntax error', () => {
    expect(() => parseConfigText('port: 1\n  bind: all\n', 'c.yaml')).toThrow(/at line 1, column 7:\n\s*\n\s*port: 1\n\s*\^/);
  });

  it('treats an empty file as an empty config', () => {
    expect(parseConfigText('', 'c.yaml')).toEqual({});
    expect(parseConfigText('# only a comment\n', 'c.yaml')).toEqual({});
  });

  it('never writes the config it reads', async () => {
    const path = join(dir, 'config.yaml');
    await writeFile(path, 'port: 1234\n');
    await loadConfig(resolveHome({ GATEWIRE_HOME: dir }));
    expect(await readFile(path, 'utf8')).toBe('port: 1234\n');
  });
});
