import { beforeAll, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

import { contextBridge, ipcRenderer } from './electron-mock'
import { invokeChannels, menuCommandChannel } from '../../src/shared/ipc-channels'
import type { AppApi, MenuCommand } from '../../src/shared/api'

let api: AppApi

beforeAll(async () => {
  await import('../../src/preload/index')
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
  api = contextBridge.exposeInMainWorld.mock.calls[0][1] as AppApi
})

describe('preload', () => {
  it('exposes exactly window.api, and nothing else', () => {
    expect(contextBridge.exposeInMainWorld.mock.calls.map((call) => call[0])).toEqual(['api'])
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(invokeChannels), 'onMenuCommand'].sort()
    )
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  it('does not leak ipcRenderer or the event through any property', () => {
    const values = Object.values(api) as unknown[]
    expect(values).not.toContain(ipcRenderer)
    expect(values).not.toContain(ipcRenderer.invoke)
    expect(values).not.toContain(ipcRenderer.on)
  })

  it('invokes the named channel with the arguments for each method', async () => {
    ipcRenderer.invoke.mockResolvedValue('result')
    const bytes = new Uint8Array([1, 2, 3])
    const cases: [() => Promise<unknown>, unknown[]][] = [
      [() => api.getVersion(), [invokeChannels.getVersion]],
      [() => api.loadBuiltinArticle(), [invokeChannels.loadBuiltinArticle]],
      [() => api.openArticleDialog(), [invokeChannels.openArticleDialog]],
      [() => api.openRecentArticle('/p.txt'), [invokeChannels.openRecentArticle, '/p.txt']],
      [() => api.listRecentFiles(), [invokeChannels.listRecentFiles]],
      [
        () => api.importDroppedFile({ name: 'a.txt', size: 3, bytes }),
        [invokeChannels.importDroppedFile, { name: 'a.txt', size: 3, bytes }]
      ],
      [() => api.articleFromText('text'), [invokeChannels.articleFromText, 'text']],
      [() => api.articleFromText('text', 'T'), [invokeChannels.articleFromText, 'text', 'T']],
      [() => api.readClipboardText(), [invokeChannels.readClipboardText]],
      [() => api.setThemePreference('dark'), [invokeChannels.setThemePreference, 'dark']],
      [() => api.openExternal('https://a.org'), [invokeChannels.openExternal, 'https://a.org']]
    ]
    for (const [invoke, expected] of cases) {
      ipcRenderer.invoke.mockClear()
      await expect(invoke()).resolves.toBe('result')
      expect(ipcRenderer.invoke).toHaveBeenCalledWith(...expected)
    }
  })

  it('passes only the command to menu listeners, and unsubscribes', () => {
    const received: unknown[][] = []
    const stop = api.onMenuCommand((...args: unknown[]) => received.push(args))
    const command: MenuCommand = { kind: 'about' }
    const fakeEvent = { sender: ipcRenderer }
    ipcRenderer.emit(menuCommandChannel, fakeEvent, command)
    expect(received).toEqual([[command]])
    expect(ipcRenderer.listenerCount(menuCommandChannel)).toBe(1)
    stop()
    expect(ipcRenderer.listenerCount(menuCommandChannel)).toBe(0)
    ipcRenderer.emit(menuCommandChannel, fakeEvent, command)
    expect(received).toHaveLength(1)
  })

  it('keeps two subscriptions independent', () => {
    const first = vi.fn()
    const second = vi.fn()
    const stopFirst = api.onMenuCommand(first)
    const stopSecond = api.onMenuCommand(second)
    stopFirst()
    ipcRenderer.emit(menuCommandChannel, {}, { kind: 'new-from-clipboard' })
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledWith({ kind: 'new-from-clipboard' })
    stopSecond()
  })
})
