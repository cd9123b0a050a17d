import { join } from 'node:path'
import {
  app,
  clipboard,
  dialog,
  nativeTheme,
  shell,
  type BrowserWindow,
  type OpenDialogOptions
} from 'electron'
import type { MenuCommand, ThemePreference } from '../shared/api'
import { menuCommandChannel } from '../shared/ipc-channels'
import { appPageLocation, resolveResourcesDir } from './app-location'
import { registerIpcHandlers } from './ipc'
import { installApplicationMenu } from './menu'
import { createMenuActionRunner } from './menu-actions'
import { createAppServices, type AppServices } from './services/app-services'
import { createBackupRequester, createUseTimer } from './services/backup-requests'
import { createMainWindow } from './window'

/** The product name shown in the menu and the About entry. */
export const APP_NAME = 'Quotedeck'

/** File types the Open dialog offers; any other file can still be picked via "All Files". */
export const OPEN_DIALOG_FILTERS: OpenDialogOptions['filters'] = [
  { name: 'Articles', extensions: ['txt', 'md', 'markdown', 'html', 'htm'] },
  { name: 'All Files', extensions: ['*'] }
]

/** Time of use between automatic backups. */
export const AUTO_BACKUP_INTERVAL_MS = 30 * 60 * 1000
/** How long quitting waits for the page to save its backup. */
export const QUIT_BACKUP_TIMEOUT_MS = 15_000

/** Brings a window to the front, restoring it when minimised; ignores a missing window. */
export function focusWindow(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/**
 * Starts the main process: takes the single-instance lock (a second launch quits and focuses the
 * first window instead), then wires services, IPC, menu and window once Electron is ready.
 * Returns false when another instance already runs.
 */
export function startQuotedeck(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }

  let mainWindow: BrowserWindow | null = null
  app.on('second-instance', () => focusWindow(mainWindow))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app
    .whenReady()
    .then(() => {
      const rendererIndexPath = join(__dirname, '../renderer/index.html')
      const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
      const location = appPageLocation(rendererIndexPath, devServerUrl)
      let theme: ThemePreference = 'system'
      nativeTheme.themeSource = theme
      // The page exports its IndexedDB; the main process asks for it and waits (see quit below).
      const backupRequester = createBackupRequester({
        timeoutMs: QUIT_BACKUP_TIMEOUT_MS,
        send: (requestId, reason) => {
          if (mainWindow === null || mainWindow.isDestroyed()) return false
          mainWindow.webContents.send(menuCommandChannel, {
            kind: 'backup-request',
            requestId,
            reason
          } satisfies MenuCommand)
          return true
        }
      })
      const dialogParent = (): BrowserWindow | null =>
        mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null

      const baseServices = createAppServices({
        resourcesDir: resolveResourcesDir(app.getAppPath(), app.isPackaged),
        userDataDir: app.getPath('userData'),
        version: app.getVersion(),
        showOpenDialog: async () => {
          const options: OpenDialogOptions = {
            title: 'Open Article',
            properties: ['openFile'],
            filters: OPEN_DIALOG_FILTERS
          }
          const chosen =
            mainWindow !== null && !mainWindow.isDestroyed()
              ? await dialog.showOpenDialog(mainWindow, options)
              : await dialog.showOpenDialog(options)
          return chosen.canceled || chosen.filePaths.length === 0 ? null : chosen.filePaths[0]
        },
        collection: {
          showImportDialog: async (mode) => {
            const options: OpenDialogOptions = {
              title: mode === 'folder' ? 'Import a Folder of Articles' : 'Import Articles',
              properties: mode === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
              filters: mode === 'folder' ? undefined : OPEN_DIALOG_FILTERS
            }
            const parent = dialogParent()
            const chosen = parent
              ? await dialog.showOpenDialog(parent, options)
              : await dialog.showOpenDialog(options)
            return chosen.canceled ? null : chosen.filePaths
          },
          showSaveDialog: async (suggestedName) => {
            const parent = dialogParent()
            const options = { title: 'Export', defaultPath: suggestedName }
            const chosen = parent
              ? await dialog.showSaveDialog(parent, options)
              : await dialog.showSaveDialog(options)
            return chosen.canceled || !chosen.filePath ? null : chosen.filePath
          },
          openPath: async (path) => {
            const problem = await shell.openPath(path)
            if (problem) throw new Error(problem)
          },
          onBackupSaved: (requestId) => backupRequester.settle(requestId)
        },
        optimiser: {
          onProgress: (progress) => {
            if (mainWindow === null || mainWindow.isDestroyed()) return
            mainWindow.webContents.send(menuCommandChannel, {
              kind: 'optimise-progress',
              progress
            } satisfies MenuCommand)
          }
        },
        articleLoading: {
          onProgress: (progress) => {
            if (mainWindow === null || mainWindow.isDestroyed()) return
            mainWindow.webContents.send(menuCommandChannel, {
              kind: 'load-progress',
              progress
            } satisfies MenuCommand)
          }
        },
        readClipboardText: () => clipboard.readText(),
        // Called only by services.openExternal, after its http(s) allowlist check.
        openExternal: (url) => shell.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */,
        setTheme: (next) => {
          theme = next
          nativeTheme.themeSource = next
          refreshMenu()
        }
      })
      // Opening a file changes the recent list, which the menu shows.
      const services: AppServices = {
        ...baseServices,
        openArticleDialog: async () => {
          const result = await baseServices.openArticleDialog()
          refreshMenu()
          return result
        },
        openRecentArticle: async (path) => {
          const result = await baseServices.openRecentArticle(path)
          refreshMenu()
          return result
        }
      }

      const send = (command: MenuCommand): void => {
        if (mainWindow === null || mainWindow.isDestroyed()) return
        mainWindow.webContents.send(menuCommandChannel, command)
      }
      const runMenuAction = createMenuActionRunner({
        services,
        send,
        quit: () => app.quit()
      })

      function refreshMenu(): void {
        void services
          .listRecentFiles()
          .then((recentFiles) =>
            installApplicationMenu(
              {
                appName: APP_NAME,
                recentFiles,
                theme,
                isDev: !app.isPackaged,
                isMac: process.platform === 'darwin'
              },
              (action) => void runMenuAction(action)
            )
          )
          .catch((error: unknown) => console.error('[quotedeck] could not build the menu:', error))
      }

      registerIpcHandlers(services, location)
      refreshMenu()

      // Automatic backups: every 30 minutes the window is in use, and once more on quit.
      const useTickMs = 60_000
      const useTimer = createUseTimer({
        intervalMs: AUTO_BACKUP_INTERVAL_MS,
        isInUse: () => {
          const window = dialogParent()
          return window !== null && window.isFocused() && !window.isMinimized()
        },
        onDue: () => void backupRequester.request('auto')
      })
      setInterval(() => useTimer.tick(useTickMs), useTickMs).unref()

      const openWindow = (): void => {
        mainWindow = createMainWindow({
          preloadPath: join(__dirname, '../preload/index.js'),
          location,
          rendererIndexPath
        })
        // Closing (or quitting, which closes the window first) waits for one last backup.
        let closeBackupDone = false
        const window = mainWindow
        window.on('close', (event) => {
          if (closeBackupDone) return
          event.preventDefault()
          closeBackupDone = true
          void backupRequester.request('quit').finally(() => {
            if (!window.isDestroyed()) window.close()
          })
        })
        mainWindow.on('closed', () => {
          mainWindow = null
        })
      }
      openWindow()
      app.on('activate', () => {
        if (mainWindow === null) openWindow()
      })
    })
    .catch((error: unknown) => {
      console.error('[quotedeck] could not start:', error)
      app.quit()
    })
  return true
}
