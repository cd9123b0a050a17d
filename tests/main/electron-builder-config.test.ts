import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
// electron-builder's own loader and JSON-schema validator (no packaging, no network).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'

const PROJECT_ROOT = resolve(__dirname, '../..')

type Config = Awaited<ReturnType<typeof getConfig>>

async function loadConfig(): Promise<Config> {
  return getConfig(PROJECT_ROOT, null, null)
}

describe('electron-builder.yml', () => {
  // Loading the schema validator takes seconds on a busy machine.
  it('passes electron-builder’s schema validation', { timeout: 30_000 }, async () => {
    const config = await loadConfig()
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('names the app and ships the build output, package.json and resources', async () => {
    const config = await loadConfig()
    expect(config.appId).toBe('org.quotedeck.app')
    expect(config.productName).toBe('Quotedeck')
    // getConfig normalises the list into `{ filter: [...] }` entries.
    const patterns = ([config.files].flat() as unknown[]).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : ((entry as { filter?: string[] }).filter ?? [])
    )
    expect(patterns).toEqual(expect.arrayContaining(['out/**', 'package.json', 'resources/**']))
    expect(patterns).toContain('!src/**')
    expect(config.asarUnpack).toEqual([
      'resources/**',
      '**/*.node',
      'node_modules/@open-spaced-repetition/**'
    ])
  })

  it('builds AppImage and deb (Education), nsis and dmg', async () => {
    const config = await loadConfig()
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.linux?.category).toBe('Education')
    expect(JSON.stringify(config.win?.target)).toContain('nsis')
    expect(JSON.stringify(config.mac?.target)).toContain('dmg')
  })

  it('turns off the risky Electron fuses', async () => {
    const config = await loadConfig()
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false
    })
  })

  it('ships the seed article that the packaged app reads from resources/', () => {
    expect(existsSync(resolve(PROJECT_ROOT, 'resources/seed-article.txt'))).toBe(true)
    expect(readFileSync(resolve(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')).toContain(
      'resources/**'
    )
  })
})
