import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appPageLocation, isAppPageUrl, resolveResourcesDir } from '../../src/main/app-location'

const INDEX = '/opt/Quotedeck App/out/renderer/index.html'
const PAGE = 'file:///opt/Quotedeck%20App/out/renderer/index.html'

describe('isAppPageUrl', () => {
  const packaged = appPageLocation(INDEX)
  const dev = appPageLocation(INDEX, 'http://localhost:5173/')

  it('accepts the packaged page with any hash or query', () => {
    expect(packaged.rendererFileUrl).toBe(PAGE)
    expect(isAppPageUrl(PAGE, packaged)).toBe(true)
    expect(isAppPageUrl(`${PAGE}#/article/abc`, packaged)).toBe(true)
    expect(isAppPageUrl(`${PAGE}?x=1`, packaged)).toBe(true)
  })

  it('refuses other files, look-alikes and other schemes', () => {
    for (const url of [
      'file:///opt/Quotedeck%20App/out/renderer/other.html',
      `${PAGE}.evil`,
      'file:///opt/Quotedeck%20App/out/renderer/index.html/../../../../etc/passwd',
      'file://remote-host/opt/Quotedeck%20App/out/renderer/index.html',
      'https://opt/Quotedeck%20App/out/renderer/index.html',
      'http://localhost:5173/',
      'about:blank',
      '',
      'not a url'
    ]) {
      expect(isAppPageUrl(url, packaged), url).toBe(false)
    }
  })

  it('accepts the dev server origin only when configured, compared by origin', () => {
    expect(isAppPageUrl('http://localhost:5173/#/study', dev)).toBe(true)
    expect(isAppPageUrl('http://localhost:5173/src/main.ts', dev)).toBe(true)
    expect(isAppPageUrl('http://localhost:5173.evil.com/', dev)).toBe(false)
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppPageUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isAppPageUrl(PAGE, dev)).toBe(true)
  })

  it('treats an empty dev server URL as none', () => {
    expect(appPageLocation(INDEX, '').devServerUrl).toBeUndefined()
  })
})

describe('resolveResourcesDir', () => {
  it('uses resources/ at the project root in development', () => {
    expect(resolveResourcesDir('/work/quotedeck', false)).toBe(join('/work/quotedeck', 'resources'))
  })

  it('uses the unpacked copy next to the asar when packaged', () => {
    expect(resolveResourcesDir('/opt/Quotedeck/resources/app.asar', true)).toBe(
      join('/opt/Quotedeck/resources/app.asar.unpacked', 'resources')
    )
  })

  it('uses the app folder as is when packaged without asar', () => {
    expect(resolveResourcesDir('/opt/Quotedeck/resources/app', true)).toBe(
      join('/opt/Quotedeck/resources/app', 'resources')
    )
  })
})
