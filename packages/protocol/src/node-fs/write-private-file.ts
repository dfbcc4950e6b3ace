import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write `contents` to `path` atomically, readable by the owner only (mode 0600), creating the
 * directory (mode 0700) when missing. The Gatewire packages keep their secrets (device keys, device
 * tokens, token hashes, the shared token) with it.
 *
 * The contents go to a temporary file in the same directory, which is created exclusively (`wx`:
 * it never follows a symlink nor clobbers a file planted at its random name), given mode 0600 (also
 * when the umask would have made it narrower, and whatever mode an earlier file had), synced to
 * disk, then renamed over `path`. A reader therefore sees the old contents or the new ones, never
 * half a file; a symlink at `path` is replaced, not written through. On failure the temporary file
 * is removed and the old contents stay.
 */
export async function writePrivateFile(path: string, contents: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
