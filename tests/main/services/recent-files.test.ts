import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRecentFiles, MAX_RECENT_FILES } from '../../../src/main/services/recent-files'

const START_MS = Date.UTC(2026, 0, 15, 9, 0, 0)

let dir: string
let store: string
let clockMs: number
const now = (): number => clockMs

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quotedeck-recent-'))
  store = join(dir, 'nested', 'recent-files.json')
  clockMs = START_MS
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('recent files', () => {
  it('starts empty when there is no store yet', async () => {
    const recent = createRecentFiles(store, now)
    expect(await recent.list()).toEqual([])
    expect(await recent.has('/a.txt')).toBe(false)
  })

  it('adds files most recent first, with file name and time, and persists them', async () => {
    const recent = createRecentFiles(store, now)
    await recent.add('/docs/a.txt')
    clockMs += 1000
    await recent.add('/docs/b.md')
    expect(await recent.list()).toEqual([
      { path: '/docs/b.md', fileName: 'b.md', openedAt: START_MS + 1000 },
      { path: '/docs/a.txt', fileName: 'a.txt', openedAt: START_MS }
    ])
    const reopened = createRecentFiles(store, now)
    expect((await reopened.list()).map((file) => file.path)).toEqual(['/docs/b.md', '/docs/a.txt'])
    expect(await reopened.has('/docs/a.txt')).toBe(true)
    expect(await reopened.has('/docs/c.txt')).toBe(false)
  })

  it('moves a reopened file to the front without duplicating it', async () => {
    const recent = createRecentFiles(store, now)
    await recent.add('/a.txt')
    clockMs += 1
    await recent.add('/b.txt')
    clockMs += 1
    const list = await recent.add('/a.txt')
    expect(list.map((file) => file.path)).toEqual(['/a.txt', '/b.txt'])
    expect(list[0].openedAt).toBe(START_MS + 2)
  })

  it('keeps at most ten files', async () => {
    const recent = createRecentFiles(store, now)
    for (let index = 0; index < 13; index++) {
      clockMs += 1
      await recent.add(`/file-${index}.txt`)
    }
    const list = await recent.list()
    expect(list).toHaveLength(MAX_RECENT_FILES)
    expect(list[0].path).toBe('/file-12.txt')
    expect(list.at(-1)?.path).toBe('/file-3.txt')
  })

  it('writes atomically: no temporary files are left behind', async () => {
    const recent = createRecentFiles(store, now)
    await Promise.all([recent.add('/a.txt'), recent.add('/b.txt'), recent.add('/c.txt')])
    expect(readdirSync(join(dir, 'nested'))).toEqual(['recent-files.json'])
    expect((await recent.list()).map((file) => file.path).sort()).toEqual([
      '/a.txt',
      '/b.txt',
      '/c.txt'
    ])
    expect(JSON.parse(readFileSync(store, 'utf8')).files).toHaveLength(3)
  })

  it.each([
    ['not JSON', '{ this is not json'],
    ['the wrong shape', '{"files": "nope"}'],
    ['a number', '42'],
    ['empty', '']
  ])(
    'reads a corrupt store (%s) as an empty list and recovers on the next add',
    async (_kind, body) => {
      writeFileSync(join(dir, 'corrupt.json'), body)
      const recent = createRecentFiles(join(dir, 'corrupt.json'), now)
      expect(await recent.list()).toEqual([])
      await recent.add('/a.txt')
      expect((await recent.list()).map((file) => file.path)).toEqual(['/a.txt'])
    }
  )

  it('keeps the valid entries of a partly corrupt store', async () => {
    writeFileSync(
      store.replace('nested/', ''),
      JSON.stringify({
        files: [{ path: '/ok.txt', fileName: 'ok.txt', openedAt: 5 }, { path: 7 }, null]
      })
    )
    const recent = createRecentFiles(store.replace('nested/', ''), now)
    expect(await recent.list()).toEqual([{ path: '/ok.txt', fileName: 'ok.txt', openedAt: 5 }])
  })

  it('does not crash when the store is a directory', async () => {
    const recent = createRecentFiles(dir, now)
    expect(await recent.list()).toEqual([])
    await expect(recent.add('/a.txt')).rejects.toThrow()
    expect(existsSync(dir)).toBe(true)
    const parent = join(dir, '..')
    const base = dir.slice(parent.length + 1)
    expect(
      readdirSync(parent).filter((name) => name.startsWith(base) && name.endsWith('.tmp'))
    ).toEqual([])
    expect(await recent.list()).toEqual([])
  })
})
