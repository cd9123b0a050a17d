import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  backupFileName,
  createBackupStore,
  writeFileAtomic
} from '../../../src/main/services/backup-store'
import type { SaveBackupRequest } from '../../../src/shared/backup'

const NOW = Date.UTC(2026, 5, 17, 12, 0, 0)
const DAY = 24 * 60 * 60 * 1000

function request(text: string, cards = 3): SaveBackupRequest {
  return {
    reason: 'manual',
    schemaVersion: 2,
    counts: { articles: 1, cards },
    payload: new TextEncoder().encode(text)
  }
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qd-backups-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('backup store', () => {
  it('writes a backup that lists with date, size and card count and reads back verified', async () => {
    const store = createBackupStore(dir)
    const written = await store.write(request('{"hello":"world"}', 42), NOW)
    expect(written.ok).toBe(true)
    const listed = await store.list()
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({
      name: backupFileName(NOW),
      takenAt: NOW,
      cardCount: 42,
      reason: 'manual',
      schemaVersion: 2
    })
    expect(listed[0].sizeBytes).toBe((await readFile(join(dir, listed[0].name))).byteLength)
    const read = await store.read(listed[0].name)
    expect(read.ok && new TextDecoder().decode(read.value.payload)).toBe('{"hello":"world"}')
  })

  it('refuses a truncated backup with a message, and a tampered one by its checksum', async () => {
    const store = createBackupStore(dir)
    const big = JSON.stringify({
      rows: Array.from({ length: 2000 }, (_, i) => `row ${i} ${i * 7}`)
    })
    const written = await store.write(request(big), NOW)
    if (!written.ok) throw new Error('write failed')
    const path = join(dir, written.value.name)
    const full = await readFile(path)
    await truncate(path, Math.floor(full.byteLength * 0.6))
    const truncated = await store.read(written.value.name)
    expect(truncated.ok).toBe(false)
    if (!truncated.ok) {
      expect(truncated.error.code).toBe('UNREADABLE')
      expect(truncated.error.message).toMatch(/truncated or damaged/)
      expect(truncated.error.message).toMatch(/Your collection was not changed/)
    }

    // Same length and valid gzip, but a different payload than the manifest describes.
    const other = await store.write(request(big.replace('row 5 ', 'row X ')), NOW + 1)
    if (!other.ok) throw new Error('write failed')
    const otherBytes = await readFile(join(dir, other.value.name))
    const original = await store.write(request(big), NOW + 2)
    if (!original.ok) throw new Error('write failed')
    const originalBytes = await readFile(join(dir, original.value.name))
    const headerEnd = originalBytes.indexOf(10, originalBytes.indexOf(10) + 1) + 1
    const otherHeaderEnd = otherBytes.indexOf(10, otherBytes.indexOf(10) + 1) + 1
    await writeFile(
      join(dir, original.value.name),
      Buffer.concat([originalBytes.subarray(0, headerEnd), otherBytes.subarray(otherHeaderEnd)])
    )
    const tampered = await store.read(original.value.name)
    expect(!tampered.ok && tampered.error.message).toMatch(/checksum does not match/)
  })

  it('refuses names that are not backups (no path tricks)', async () => {
    const store = createBackupStore(dir)
    const read = await store.read('../recent-files.json')
    expect(read.ok).toBe(false)
    if (!read.ok) expect(read.error.code).toBe('INVALID_ARGUMENT')
  })

  it('a crash between write and rename leaves the old backup and no new one', async () => {
    const store = createBackupStore(dir)
    const first = await store.write(request('old collection'), NOW)
    if (!first.ok) throw new Error('write failed')
    const crashing = createBackupStore(dir, {
      beforeRename: () => {
        throw new Error('simulated crash')
      }
    })
    await expect(crashing.write(request('new collection'), NOW + 1000)).rejects.toThrow(
      'simulated crash'
    )
    const listed = await store.list()
    expect(listed.map((info) => info.name)).toEqual([first.value.name])
    const read = await store.read(first.value.name)
    expect(read.ok && new TextDecoder().decode(read.value.payload)).toBe('old collection')
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('writeFileAtomic replaces a file only once the new content is complete', async () => {
    const path = join(dir, 'file.bin')
    await writeFile(path, 'before')
    await expect(
      writeFileAtomic(path, new TextEncoder().encode('after'), {
        beforeRename: async (tempPath) => {
          // The complete new content is on disk under the temporary name; the old file is intact.
          expect(await readFile(tempPath, 'utf8')).toBe('after')
          expect(await readFile(path, 'utf8')).toBe('before')
          throw new Error('power cut')
        }
      })
    ).rejects.toThrow('power cut')
    expect(await readFile(path, 'utf8')).toBe('before')
    await writeFileAtomic(path, new TextEncoder().encode('after'))
    expect(await readFile(path, 'utf8')).toBe('after')
  })

  it('prunes with the rotation policy and ignores stray files', async () => {
    const store = createBackupStore(dir)
    for (let i = 0; i < 15; i += 1) {
      const r = await store.write(request(`day ${i}`), NOW - i * DAY)
      if (!r.ok) throw new Error('write failed')
    }
    await writeFile(join(dir, 'notes.txt'), 'not a backup')
    const deleted = await store.prune(NOW)
    // 10 latest (17 to 8 June) + the newest of the week of 1 June (7 June); 6 to 3 June go.
    expect(deleted).toHaveLength(4)
    const kept = (await store.list()).map((info) => info.takenAt)
    expect(kept).toHaveLength(15 - deleted.length)
    expect(kept.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => NOW - i * DAY))
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('not a backup')
  })
})
