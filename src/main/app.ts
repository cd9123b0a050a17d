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
import { createMainWindow } from './window'

/** The product name shown in the menu and the About entry. */
export const APP_NAME = 'Quotedeck'

/** File types the Open dialog offers; any other file can still be picked via "All Files". */
export const OPEN_DIALOG_FILTERS: OpenDialogOptions['filters'] = [
  { name: 'Articles', extensions: ['txt', 'md', 'markdown', 'html', 'htm'] },
  { name: 'All Files', extensions: ['*'] }
]

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

      const openWindow = (): void => {
        mainWindow = createMainWindow({
          preloadPath: join(__dirname, '../preload/index.js'),
          location,
          rendererIndexPath
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
