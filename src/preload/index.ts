import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { AppApi, MenuCommand } from '../shared/api'
import { invokeChannels, menuCommandChannel } from '../shared/ipc-channels'

/**
 * Builds `window.api` over IPC. Only the named channels are reachable, and menu listeners get the
 * command alone: the raw `IpcRendererEvent` (whose `sender` is `ipcRenderer`) never reaches the
 * page.
 */
export function createApi(
  renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>
): AppApi {
  const invoke = <T>(channel: string, ...args: unknown[]): Promise<T> =>
    renderer.invoke(channel, ...args) as Promise<T>
  return {
    getVersion: () => invoke(invokeChannels.getVersion),
    loadBuiltinArticle: () => invoke(invokeChannels.loadBuiltinArticle),
    openArticleDialog: () => invoke(invokeChannels.openArticleDialog),
    openRecentArticle: (path) => invoke(invokeChannels.openRecentArticle, path),
    listRecentFiles: () => invoke(invokeChannels.listRecentFiles),
    importDroppedFile: (file) => invoke(invokeChannels.importDroppedFile, file),
    articleFromText: (text, title) =>
      title === undefined
        ? invoke(invokeChannels.articleFromText, text)
        : invoke(invokeChannels.articleFromText, text, title),
    cancelArticleLoad: () => invoke(invokeChannels.cancelArticleLoad),
    readArticleTextPart: (handle, index) =>
      invoke(invokeChannels.readArticleTextPart, handle, index),
    readClipboardText: () => invoke(invokeChannels.readClipboardText),
    setThemePreference: (theme) => invoke(invokeChannels.setThemePreference, theme),
    openExternal: (url) => invoke(invokeChannels.openExternal, url),
    saveBackup: (request) => invoke(invokeChannels.saveBackup, request),
    listBackups: () => invoke(invokeChannels.listBackups),
    readBackup: (name) => invoke(invokeChannels.readBackup, name),
    openBackupFolder: () => invoke(invokeChannels.openBackupFolder),
    saveExportFile: (request) => invoke(invokeChannels.saveExportFile, request),
    chooseBulkImport: (mode) => invoke(invokeChannels.chooseBulkImport, mode),
    readImportFile: (path) => invoke(invokeChannels.readImportFile, path),
    optimiseFsrs: (request) => invoke(invokeChannels.optimiseFsrs, request),
    onMenuCommand: (listener) => {
      const forward = (_event: IpcRendererEvent, command: MenuCommand): void => listener(command)
      renderer.on(menuCommandChannel, forward)
      return () => {
        renderer.removeListener(menuCommandChannel, forward)
      }
    }
  }
}

contextBridge.exposeInMainWorld('api', createApi(ipcRenderer))
