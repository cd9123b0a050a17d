import { resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'
import { defineConfig as defineElectronConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

/**
 * The page's CSP meta allows only same-origin styles and connections. The dev server injects
 * component CSS as `<style>` elements and talks to a hot-reload socket, so in `serve` mode only,
 * relax those two directives. Scripts stay `'self'` in every mode.
 */
function devContentSecurityPolicy(): Plugin {
  return {
    name: 'quotedeck-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*")
    }
  }
}

export default defineElectronConfig({
  main: {
    build: {
      // Dependencies stay external (electron-vite's default), so the optimiser's native binding
      // (@open-spaced-repetition/binding and its .node) is required at run time, never bundled.
      externalizeDeps: true,
      rollupOptions: {
        // Each worker thread gets its own entry: out/main/fsrs-optimiser-worker.js and
        // out/main/article-load-worker.js.
        input: {
          index: resolve('src/main/index.ts'),
          'fsrs-optimiser-worker': resolve('src/main/services/fsrs-optimiser-worker.ts'),
          'article-load-worker': resolve('src/main/services/article-load-worker.ts')
        }
      }
    }
  },
  preload: {},
  renderer: defineConfig({
    resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
    plugins: [vue(), devContentSecurityPolicy()],
    worker: { format: 'es' }
  })
})
