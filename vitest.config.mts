import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@renderer': fileURLToPath(new URL('./src/renderer/src', import.meta.url)) }
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: ['tests/core/**/*.test.ts', 'tests/shared/**/*.test.ts']
        }
      },
      {
        extends: true,
        test: { name: 'main', environment: 'node', include: ['tests/main/**/*.test.ts'] }
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['tests/renderer/**/*.test.ts'],
          setupFiles: ['tests/renderer/setup.ts'],
          // Mounting whole views in happy-dom takes seconds on a loaded 2-core runner; these are
          // correctness tests, and speed lives in `npm run bench`.
          testTimeout: 30000
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60000,
          hookTimeout: 60000,
          fileParallelism: false
        }
      }
    ]
  }
})
