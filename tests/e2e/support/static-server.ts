import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8'
}

/** A running static server. */
export interface StaticServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string
  close(): Promise<void>
}

/**
 * Serves the files under `rootDir` on 127.0.0.1 at a random free port. Paths that escape the root
 * get 403; missing files 404. No directory listings, no caching (every test sees the current build).
 */
export async function startStaticServer(
  rootDir: string,
  /** Answers a request itself when it returns true (the e2e byte bridge's `/__qd_wire/` paths). */
  extraRoute?: (request: IncomingMessage, response: ServerResponse) => boolean,
  /** 0 picks a free port; a fixed one keeps the origin (and so a kept profile's data) stable. */
  port = 0
): Promise<StaticServer> {
  const root = normalize(rootDir)
  const server: Server = createServer((request, response) => {
    if (extraRoute?.(request, response)) return
    void (async (): Promise<void> => {
      let pathname: string
      try {
        pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
      } catch {
        response.writeHead(400).end('bad request')
        return
      }
      let relative = normalize(pathname).replace(/^[/\\]+/, '')
      if (relative === '' || relative.endsWith('/') || relative.endsWith(sep)) {
        relative += 'index.html'
      }
      const filePath = join(root, relative)
      if (relative.startsWith('..') || !filePath.startsWith(root)) {
        response.writeHead(403).end('forbidden')
        return
      }
      try {
        const body = await readFile(filePath)
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(filePath)] ?? 'application/octet-stream',
          'cache-control': 'no-store'
        })
        response.end(body)
      } catch {
        response.writeHead(404).end('not found')
      }
    })()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
