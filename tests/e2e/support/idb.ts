import type { Page } from 'playwright-core'

/** Every record of a store of the app's IndexedDB, read in the page with the raw API. */
export function readStore<T>(page: Page, storeName: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('quotedeck')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains(name)) {
            db.close()
            resolve([])
            return
          }
          const request = db.transaction(name, 'readonly').objectStore(name).getAll()
          request.onsuccess = () => {
            db.close()
            resolve(request.result as T[])
          }
          request.onerror = () => reject(request.error)
        }
      }),
    storeName
  )
}

/** A review log as stored (the fields the e2e tests read). */
export interface StoredLog {
  id: number
  cardId: string
  grade: number
  source: string
}

/** Reads with `read` until `ready` holds (30 s at most; the error names `what`). */
export async function waitFor<T>(
  read: () => Promise<T>,
  ready: (value: T) => boolean,
  what: string
): Promise<T> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const value = await read()
    if (ready(value)) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** How many records a store of the app's IndexedDB holds (counted, none read). */
export function countStore(page: Page, storeName: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('quotedeck')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains(name)) {
            db.close()
            resolve(0)
            return
          }
          const request = db.transaction(name, 'readonly').objectStore(name).count()
          request.onsuccess = () => {
            db.close()
            resolve(request.result)
          }
          request.onerror = () => reject(request.error)
        }
      }),
    storeName
  )
}
