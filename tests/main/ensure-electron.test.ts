import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ensureElectron,
  explainMissingBinary,
  findElectronBinary
} from '../../src/cli/ensure-electron.mjs'

const SCRIPT = resolve(__dirname, '../../src/cli/ensure-electron.mjs')
let projectDir: string
let electronDir: string

/** A fake project with an installed `electron` package but no binary. */
async function makeProject(): Promise<void> {
  projectDir = await mkdtemp(join(tmpdir(), 'qd-ensure-'))
  electronDir = join(projectDir, 'node_modules', 'electron')
  await mkdir(electronDir, { recursive: true })
  await writeFile(join(projectDir, 'package.json'), '{"name":"fake"}')
  await writeFile(join(electronDir, 'package.json'), '{"name":"electron","version":"45.5.0"}')
}

/** What a successful download leaves behind. */
async function installBinary(): Promise<string> {
  await mkdir(join(electronDir, 'dist'), { recursive: true })
  await writeFile(join(electronDir, 'path.txt'), 'electron')
  const binary = join(electronDir, 'dist', 'electron')
  await writeFile(binary, '')
  return binary
}

beforeEach(makeProject)
afterEach(async () => {
  await rm(projectDir, { recursive: true, force: true })
})

describe('ensureElectron', () => {
  it('succeeds without downloading when path.txt and the binary exist', async () => {
    const binary = await installBinary()
    const download = vi.fn()
    expect(ensureElectron({ projectDir, env: {}, download })).toEqual({ ok: true, binary })
    expect(download).not.toHaveBeenCalled()
  })

  it('downloads once when the binary is missing, then succeeds', async () => {
    const download = vi.fn(() => {
      // Stands in for loading the electron package, which writes these files.
      mkdirSync(join(electronDir, 'dist'), { recursive: true })
      writeFileSync(join(electronDir, 'path.txt'), 'electron')
      writeFileSync(join(electronDir, 'dist', 'electron'), '')
      return { ok: true, output: '' }
    })
    const log = vi.fn()
    const result = ensureElectron({ projectDir, env: {}, download, log })
    expect(result.ok).toBe(true)
    expect(download).toHaveBeenCalledTimes(1)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Downloading the Electron 45.5.0'))
  })

  it('explains an offline failure in one sentence, naming the fix', () => {
    const download = vi.fn(() => ({
      ok: false,
      output:
        'Downloading Electron binary...\nTypeError: fetch failed\n    at async FetchDownloader'
    }))
    const result = ensureElectron({ projectDir, env: {}, download })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toContain('Electron 45.5.0 binary is not installed')
    expect(result.message).toContain('no network access')
    expect(result.message).toContain('npm run dev')
    expect(result.message).toContain('ELECTRON_EXEC_PATH')
    expect(result.message).not.toMatch(/\n|\bat async\b|TypeError/)
  })

  it('does not claim a network problem when the download failed otherwise', () => {
    expect(explainMissingBinary('EACCES: permission denied, mkdir', '45.5.0')).toContain(
      'could not be installed automatically'
    )
  })

  it('fails when the download reports success but left no binary', () => {
    const result = ensureElectron({
      projectDir,
      env: {},
      download: () => ({ ok: true, output: '' })
    })
    expect(result.ok).toBe(false)
  })

  it('honours ELECTRON_EXEC_PATH like electron-vite, and says so when it is wrong', async () => {
    const binary = join(projectDir, 'my-electron')
    await writeFile(binary, '')
    const download = vi.fn()
    expect(ensureElectron({ projectDir, env: { ELECTRON_EXEC_PATH: binary }, download })).toEqual({
      ok: true,
      binary
    })
    const missing = ensureElectron({
      projectDir,
      env: { ELECTRON_EXEC_PATH: join(projectDir, 'nope') },
      download
    })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.message).toContain('ELECTRON_EXEC_PATH points at')
    expect(download).not.toHaveBeenCalled()
  })

  it('asks for npm install when the electron package itself is missing', async () => {
    await rm(join(projectDir, 'node_modules'), { recursive: true })
    const result = ensureElectron({ projectDir, env: {}, download: vi.fn() })
    expect(result).toEqual({ ok: false, message: expect.stringContaining('run `npm install`') })
  })

  it('treats an empty path.txt as not installed', async () => {
    await writeFile(join(electronDir, 'path.txt'), '')
    expect(findElectronBinary(electronDir, {})).toBeNull()
  })
})

describe('ensure-electron.mjs as a process (offline)', () => {
  it('exits 1 quickly with one sentence and no stack trace', async () => {
    // The fake package fails the way electron 45 does offline when loaded.
    await writeFile(
      join(electronDir, 'index.js'),
      "console.log('Downloading Electron binary...');\n" +
        "console.error('TypeError: fetch failed\\n    at async FetchDownloader.download');\n" +
        "throw new Error('Electron failed to install correctly.');\n"
    )
    await mkdir(join(projectDir, 'src', 'cli'), { recursive: true })
    const script = join(projectDir, 'src', 'cli', 'ensure-electron.mjs')
    await copyFile(SCRIPT, script)
    const started = Date.now()
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', cwd: projectDir })
    const elapsedMs = Date.now() - started
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Quotedeck could not start: the Electron 45\.5\.0 binary/)
    expect(run.stderr).not.toMatch(/\bat\s+\S+\s*\(|TypeError/)
    expect(elapsedMs).toBeLessThan(15_000)
  })

  it('exits 0 silently when the binary is there', async () => {
    await installBinary()
    await mkdir(join(projectDir, 'src', 'cli'), { recursive: true })
    const script = join(projectDir, 'src', 'cli', 'ensure-electron.mjs')
    await copyFile(SCRIPT, script)
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', cwd: projectDir })
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
  })
})
