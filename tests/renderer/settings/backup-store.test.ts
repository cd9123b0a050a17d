import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useBackupStore } from '../../../src/renderer/src/stores/backup'
import { ok } from '../../../src/shared/result'
import { installApiStub, type ApiStub } from '../library/helpers'

describe('backup store', () => {
  let api: ApiStub
  beforeEach(() => {
    setActivePinia(createPinia())
    api = installApiStub()
  })

  it('lists the backups the main process reports', async () => {
    api.listBackups.mockResolvedValueOnce(
      ok([
        {
          name: 'b1.json.gz',
          takenAt: 1,
          sizeBytes: 10,
          cardCount: 2,
          reason: 'manual',
          schemaVersion: 2
        }
      ])
    )
    const store = useBackupStore()
    await store.refresh()
    expect(store.backups).toHaveLength(1)
    expect(store.loaded).toBe(true)
    expect(store.errorMessage).toBeNull()
  })

  // Regression: a bridge without listBackups (or one that rejects) left an unhandled rejection
  // behind every Settings mount, which made CI's test run exit non-zero.
  it('regression: a failing listBackups call becomes a message, not an unhandled rejection', async () => {
    api.listBackups.mockRejectedValueOnce(new Error('bridge gone'))
    const store = useBackupStore()
    await expect(store.refresh()).resolves.toBeUndefined()
    expect(store.errorMessage).toBe('The backups could not be listed: bridge gone')
    expect(store.loaded).toBe(true)
  })

  it('regression: a missing bridge becomes a message too', async () => {
    vi.stubGlobal('api', undefined)
    const store = useBackupStore()
    await expect(store.refresh()).resolves.toBeUndefined()
    expect(store.errorMessage).toMatch(/^The backups could not be listed: /)
    vi.unstubAllGlobals()
  })
})
