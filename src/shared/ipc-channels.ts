import type { AppApi } from './api'

/** The AppApi methods that are request/response calls (everything but the menu subscription). */
export type InvokeMethod = Exclude<keyof AppApi, 'onMenuCommand'>

/**
 * IPC channel for each invoke method. The preload and the main process both read this table, so
 * a renamed channel cannot drift apart on one side only.
 */
export const invokeChannels: { readonly [M in InvokeMethod]: `qd:${M}` } = {
  getVersion: 'qd:getVersion',
  loadBuiltinArticle: 'qd:loadBuiltinArticle',
  openArticleDialog: 'qd:openArticleDialog',
  openRecentArticle: 'qd:openRecentArticle',
  listRecentFiles: 'qd:listRecentFiles',
  importDroppedFile: 'qd:importDroppedFile',
  articleFromText: 'qd:articleFromText',
  cancelArticleLoad: 'qd:cancelArticleLoad',
  readArticleTextPart: 'qd:readArticleTextPart',
  readClipboardText: 'qd:readClipboardText',
  setThemePreference: 'qd:setThemePreference',
  openExternal: 'qd:openExternal',
  saveBackup: 'qd:saveBackup',
  listBackups: 'qd:listBackups',
  readBackup: 'qd:readBackup',
  openBackupFolder: 'qd:openBackupFolder',
  saveExportFile: 'qd:saveExportFile',
  chooseBulkImport: 'qd:chooseBulkImport',
  readImportFile: 'qd:readImportFile',
  optimiseFsrs: 'qd:optimiseFsrs'
}

/** Every invoke method, in a stable order. */
export const invokeMethods = Object.keys(invokeChannels) as InvokeMethod[]

/** The one channel the main process uses to push `MenuCommand`s to the page. */
export const menuCommandChannel = 'qd:menu-command'
