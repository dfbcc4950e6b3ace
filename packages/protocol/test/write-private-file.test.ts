import { chmod, lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePrivateFile } from '../src/node';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'gatewire-private-file-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('writePrivateFile', () => {
  it('creates the file (0600) and its missing directory (0700)', async () => {
    const path = join(directory, 'nested', 'secret');
    await writePrivateFile(path, 'one\n');
    expect(await readFile(path, 'utf8')).toBe('one\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(directory, 'nested'))).mode & 0o777).toBe(0o700);
  });

  it('overwrites a 0644 file, leaving it 0600 and no temporary file behind', async () => {
    const path = join(directory, 'secret');
    await writeFile(path, 'old\n');
    await chmod(path, 0o644);
    await writePrivateFile(path, 'new\n');
    expect(await readFile(path, 'utf8')).toBe('new\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toEqual(['secret']);
  });

  it('replaces a symlink at the path instead of writing through it', async () => {
    const target = join(directory, 'elsewhere');
    await writeFile(target, 'untouched\n');
    const path = join(directory, 'secret');
    await symlink(target, path);
    await writePrivateFile(path, 'new\n');
    expect((await lstat(path)).isSymbolicLink()).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('new\n');
    expect(await readFile(target, 'utf8')).toBe('untouched\n');
  });

  it('keeps the old contents when the write fails', async () => {
    // A name of 240 characters is valid, but its temporary sibling's name is too long (ENAMETOOLONG).
    const path = join(directory, 'x'.repeat(240));
    await writeFile(path, 'old\n', { mode: 0o600 });
    await expect(writePrivateFile(path, 'new\n')).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    expect(await readFile(path, 'utf8')).toBe('old\n');
    expect(await readdir(directory)).toEqual(['x'.repeat(240)]);
  });
});
