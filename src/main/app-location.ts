import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Where the app's own page lives; the only page allowed to call IPC or to be navigated to. */
export interface AppPageLocation {
  /** `file://…/out/renderer/index.html` of this installation. */
  rendererFileUrl: string
  /** The electron-vite dev server (`ELECTRON_RENDERER_URL`) in development, else undefined. */
  devServerUrl?: string
}

/** Builds the location from the renderer's index.html path and the optional dev server URL. */
export function appPageLocation(rendererIndexPath: string, devServerUrl?: string): AppPageLocation {
  return {
    rendererFileUrl: pathToFileURL(rendererIndexPath).href,
    devServerUrl: devServerUrl && devServerUrl.length > 0 ? devServerUrl : undefined
  }
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * Whether `url` is the app's own page: exactly the packaged index.html (any hash or query, since
 * the router uses the hash), or any path on the dev server's origin in development. URLs are
 * parsed and compared by parts, never by prefix, so `file:///…/index.html.evil` or
 * `http://localhost:5173.evil.com` do not pass.
 */
export function isAppPageUrl(url: string, location: AppPageLocation): boolean {
  const candidate = parse(url)
  if (candidate === null) return false
  if (location.devServerUrl !== undefined) {
    const dev = parse(location.devServerUrl)
    if (dev !== null && (dev.protocol === 'http:' || dev.protocol === 'https:')) {
      if (candidate.origin === dev.origin) return true
    }
  }
  const page = parse(location.rendererFileUrl)
  if (page === null || candidate.protocol !== 'file:' || page.protocol !== 'file:') return false
  return candidate.host === page.host && candidate.pathname === page.pathname
}

/**
 * The directory with the shipped resources (the seed article). In development it is `resources/`
 * at the project root (the app path); packaged, electron-builder unpacks `resources/**` next to
 * the asar (`asarUnpack`), so plain `fs` reads see the exact shipped bytes.
 */
export function resolveResourcesDir(appPath: string, isPackaged: boolean): string {
  if (isPackaged && /\.asar$/.test(appPath)) {
    return join(`${appPath}.unpacked`, 'resources')
  }
  return join(appPath, 'resources')
}
