import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { commitAnswer } from '../../../src/renderer/src/db/cards-repo'
import { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import {
  BLOCKED_UPGRADE_MESSAGE,
  isQuotaExceeded,
  requestPersistentStorage,
  storageErrorMessage,
  watchUpgrades
} from '../../../src/renderer/src/db/storage'
import { defaultSchedulerSettings } from '../../../src/core/scheduling'
import { DAY_MS, makeCard, NOW_MS, reviewState } from './fixtures'

let names: string[] = []
afterEach(async () => {
  for (const name of names) await Dexie.delete(name)
  names = []
})

function freshName(): string {
  const name = `storage-${crypto.randomUUID()}`
  names.push(name)
  return name
}

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError')
}

describe('navigator.storage.persist', () => {
  it('asks for persistence once and reports the answer', async () => {
    const persist = vi.fn(async () => true)
    expect(await requestPersistentStorage({ persisted: async () => false, persist })).toBe(
      'persisted'
    )
    expect(persist).toHaveBeenCalledTimes(1)
    expect(await requestPersistentStorage({ persist: async () => false })).toBe('refused')
  })

  it('does not ask again when already persisted, and survives engines without the API', async () => {
    const persist = vi.fn(async () => true)
    expect(await requestPersistentStorage({ persisted: async () => true, persist })).toBe(
      'persisted'
    )
    expect(persist).not.toHaveBeenCalled()
    expect(await requestPersistentStorage({})).toBe('unavailable')
    expect(
      await requestPersistentStorage({
        persist: async () => {
          throw new Error('no')
        }
      })
    ).toBe('unavailable')
  })
})

describe('quota exceeded (simulated)', () => {
  it('an answer that hits the quota is refused in words, leaves the collection whole, and a retry saves it', async () => {
    const db = new QuotedeckDatabase(freshName())
    const card = makeCard('c1', { state: reviewState(NOW_MS - DAY_MS) })
    await db.cards.add(card)
    const input = {
      cardId: 'c1',
      grade: 3 as const,
      nowMs: NOW_MS,
      source: 'study' as const,
      answerMs: 1000,
      expectedUpdatedAt: card.updatedAt,
      settings: defaultSchedulerSettings,
      tzOffsetMinutes: 0
    }
    const full = (): never => {
      throw quotaError()
    }
    db.reviewLogs.hook('creating', full)

    const refused = await commitAnswer(db, input)
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.error.message).toMatch(
      /^Could not save your answer: there is no room left on the disk.*Nothing already saved was lost/
    )
    expect(await db.cards.get('c1')).toEqual(card)
    expect(await db.reviewLogs.count()).toBe(0)

    db.reviewLogs.hook('creating').unsubscribe(full)
    const retried = await commitAnswer(db, input)
    expect(retried.ok).toBe(true)
    expect(await db.reviewLogs.count()).toBe(1)
    db.close()
  })

  it('recognises the quota error directly and wrapped by Dexie', () => {
    expect(isQuotaExceeded(quotaError())).toBe(true)
    expect(isQuotaExceeded({ name: 'AbortError', inner: quotaError() })).toBe(true)
    expect(isQuotaExceeded(new Error('other'))).toBe(false)
    expect(storageErrorMessage(new Error('other'), 'save')).toBeNull()
  })
})

describe('blocked schema upgrade (a second tab holding the old version)', () => {
  it('says so in words, waits, then upgrades keeping the collection once the old tab closes', async () => {
    const name = freshName()
    const current = new QuotedeckDatabase(name)
    await current.cards.add(makeCard('c1'))
    current.close()

    // The "old tab": a raw connection at the current version that ignores versionchange.
    const oldTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const oldVersion = oldTab.version

    // The "new tab": the schema of the old one (read from its stores) plus one more version.
    const next = new Dexie(name)
    const oldVerno = Math.round(oldVersion / 10)
    const old = new Dexie(name)
    await old.open()
    const stores = Object.fromEntries(
      old.tables.map((table) => [
        table.name,
        [table.schema.primKey, ...table.schema.indexes].map((index) => index.src).join(', ')
      ])
    )
    old.close()
    next.version(oldVerno).stores(stores)
    next.version(oldVerno + 1).stores({ probe: 'id' })
    const notify = vi.fn()
    watchUpgrades(next, notify)
    const opening = next.open()
    await vi.waitFor(() => expect(notify).toHaveBeenCalledWith(BLOCKED_UPGRADE_MESSAGE), {
      timeout: 15000
    })

    oldTab.close()
    await opening
    expect(await next.table('cards').count()).toBe(1)
    expect(next.verno).toBe(oldVerno + 1)
    next.close()
  })

  it('a window whose collection is upgraded elsewhere closes its connection and says why', () => {
    const listeners: Record<string, () => unknown> = {}
    const db = {
      on: (event: string, listener: () => unknown) => {
        listeners[event] = listener
      },
      close: vi.fn()
    }
    const notify = vi.fn()
    watchUpgrades(db as never, notify)
    expect(listeners.versionchange()).toBe(false)
    expect(db.close).toHaveBeenCalled()
    expect(notify).toHaveBeenCalledWith(expect.stringMatching(/another window.*nothing was lost/))
  })
})
