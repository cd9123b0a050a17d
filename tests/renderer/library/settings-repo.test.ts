import { beforeEach, describe, expect, it } from 'vitest'
import {
  getSetting,
  readSetting,
  setSetting,
  settingDefaults,
  writeSetting
} from '../../../src/renderer/src/db/settings-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { useFreshDatabase } from './helpers'

describe('settings repository', () => {
  let db: QuotedeckDatabase

  beforeEach(() => {
    db = useFreshDatabase()
  })

  it('returns defaults for settings never stored', async () => {
    expect(await getSetting(db, 'theme')).toBe('system')
    expect(await getSetting(db, 'seededBuiltin')).toBe(false)
    expect(settingDefaults.theme).toBe('system')
  })

  it('stores and reads back typed settings', async () => {
    await setSetting(db, 'theme', 'dark')
    await setSetting(db, 'seededBuiltin', true)
    expect(await getSetting(db, 'theme')).toBe('dark')
    expect(await getSetting(db, 'seededBuiltin')).toBe(true)
  })

  it('falls back to the default when the stored value has the wrong shape', async () => {
    await db.settings.put({ key: 'theme', value: 'sepia' })
    await db.settings.put({ key: 'seededBuiltin', value: 'yes' })
    expect(await getSetting(db, 'theme')).toBe('system')
    expect(await getSetting(db, 'seededBuiltin')).toBe(false)
  })

  it('reads and writes any setting with a caller-supplied default and check', async () => {
    const isLimit = (value: unknown): value is number => typeof value === 'number' && value > 0
    expect(await readSetting(db, 'study.newPerDay', 20, isLimit)).toBe(20)
    await writeSetting(db, 'study.newPerDay', 35)
    expect(await readSetting(db, 'study.newPerDay', 20, isLimit)).toBe(35)
    await writeSetting(db, 'study.newPerDay', -1)
    expect(await readSetting(db, 'study.newPerDay', 20, isLimit)).toBe(20)
  })
})
