import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultSchedulerSettings } from '../../../src/core/scheduling'
import type { Article } from '../../../src/core/article/types'
import type { Extraction } from '../../../src/core/extract/types'
import { ok } from '../../../src/shared/result'
import { addArticle } from '../../../src/renderer/src/db/articles-repo'
import { commitAnswer, syncArticleCards } from '../../../src/renderer/src/db/cards-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { makeArticle as makeArticleWithExtraction } from '../db/fixtures'
import { NOW_MS, eventually, installApiStub, useFreshDatabase, type ApiStub } from './helpers'
import { mountApp, type MountedApp } from './mount-app'
import { getByRole, queryAllByRole } from './queries'

const { ensureExtracted, statuses } = vi.hoisted(() => ({
  ensureExtracted: vi.fn(),
  statuses: {} as Record<string, { state: string }>
}))
vi.mock('../../../src/renderer/src/stores/extraction', () => ({
  useExtractionStore: () => ({ ensureExtracted, statuses })
}))

/** One read request made on the cards store, through an index or not. */
interface CardsRead {
  index: string | null
  method: string
  range: unknown
}

const readMethods = [
  'count',
  'get',
  'getKey',
  'getAll',
  'getAllKeys',
  'openCursor',
  'openKeyCursor'
]

/**
 * Records every read request IndexedDB receives for the cards store, below Dexie, so the tests
 * see what the app really asks of the database (a whole-index walk shows up as a range-less read).
 */
function recordCardsReads(): { reads: CardsRead[]; stop(): void } {
  const reads: CardsRead[] = []
  const restorers: Array<() => void> = []
  for (const prototype of [IDBIndex.prototype, IDBObjectStore.prototype]) {
    const methods = prototype as unknown as Record<string, (...args: unknown[]) => unknown>
    for (const method of readMethods) {
      const original = methods[method]
      methods[method] = function (this: IDBIndex | IDBObjectStore, ...args: unknown[]): unknown {
        const isIndex = this instanceof IDBIndex
        const storeName = isIndex ? (this as IDBIndex).objectStore.name : this.name
        if (storeName === 'cards') {
          // `getAll` may take an options object (`{ query, count, direction }`).
          const first = args[0] as { query?: unknown } | undefined
          const range = first instanceof IDBKeyRange ? first : (first?.query ?? first)
          reads.push({ index: isIndex ? this.name : null, method, range })
        }
        return original.apply(this, args)
      }
      restorers.push(() => {
        methods[method] = original
      })
    }
  }
  return { reads, stop: () => restorers.forEach((restore) => restore()) }
}

function isOnly(range: unknown, key: string): boolean {
  return range instanceof IDBKeyRange && range.lower === key && range.upper === key
}

/** The fixture article under another id (its cards get ids of their own). */
function articleNamed(
  id: string,
  title: string
): { article: Article & { addedAt?: number }; extraction: Extraction } {
  const { article, extraction } = makeArticleWithExtraction()
  return { article: { ...article, id, title }, extraction: { ...extraction, articleId: id } }
}

function cardsCellOf(title: string): string {
  return cellOf(title, 'Cards')
}

function cellOf(title: string, columnName: string): string {
  const rows = queryAllByRole(getByRole(document.body, 'table'), 'row')
  const header = Array.from(rows[0].querySelectorAll('th')).map((cell) => cell.textContent?.trim())
  const column = header.indexOf(columnName)
  const row = rows.find((candidate) => candidate.querySelector('th')?.textContent?.trim() === title)
  if (!row) throw new Error(`No row for ${title}`)
  return row.querySelectorAll('th, td')[column].textContent?.trim() ?? ''
}

/** Picks the cards to answer before any reads are recorded (this lookup is the test's own). */
async function cardIdsOf(db: QuotedeckDatabase, articleId: string): Promise<string[]> {
  return (await db.cards.where('articleId').equals(articleId).primaryKeys()).map(String)
}

async function answer(db: QuotedeckDatabase, cardId: string): Promise<void> {
  const card = await db.cards.get(cardId)
  const result = await commitAnswer(db, {
    cardId,
    grade: 3,
    nowMs: NOW_MS,
    source: 'study',
    answerMs: 1200,
    expectedUpdatedAt: card!.updatedAt,
    settings: defaultSchedulerSettings,
    tzOffsetMinutes: 0
  })
  if (!result.ok) throw new Error(result.error.message)
}

/** Lets queued IndexedDB work, Dexie's live queries and Vue's updates run. */
async function settle(): Promise<void> {
  await new Promise((done) => setTimeout(done, 100))
}

describe('Library card counts at scale', () => {
  let db: QuotedeckDatabase
  let api: ApiStub
  let app: MountedApp | undefined
  let recording: ReturnType<typeof recordCardsReads> | undefined
  const first = articleNamed('article-a', 'Geneva talks')
  const second = articleNamed('article-b', 'Border talks')

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW_MS)
    db = useFreshDatabase()
    api = installApiStub()
    ensureExtracted.mockReset().mockResolvedValue(ok(null))
    for (const key of Object.keys(statuses)) delete statuses[key]
    // The seed flag is set: these libraries already have their articles.
    await db.settings.put({ key: 'seededBuiltin', value: true })
    await addArticle(db, first.article, NOW_MS - 2000)
    await addArticle(db, second.article, NOW_MS - 1000)
  })

  afterEach(() => {
    recording?.stop()
    recording = undefined
    app?.wrapper.unmount()
    app = undefined
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  it('answering a card does not recount every article’s cards', async () => {
    const made = await syncArticleCards(db, first, NOW_MS)
    app = await mountApp('/')
    await eventually(() => expect(cardsCellOf('Geneva talks')).toBe(String(made.added)))
    expect(cardsCellOf('Border talks')).toBe('0')

    const [answered, alsoAnswered] = await cardIdsOf(db, first.article.id)
    recording = recordCardsReads()
    await answer(db, answered)
    await answer(db, alsoAnswered)
    // Then cards are made for the other article: the count that must change, and a barrier.
    const madeForSecond = await syncArticleCards(db, second, NOW_MS)
    await eventually(() => expect(cardsCellOf('Border talks')).toBe(String(madeForSecond.added)))
    await settle()

    const articleIdReads = recording.reads.filter((read) => read.index === 'articleId')
    // The answers themselves read by id and by note; only the sync and its recount touch
    // `articleId`, and only the synced article's key range: never the whole index.
    expect(articleIdReads.length).toBeGreaterThan(0)
    expect(articleIdReads.filter((read) => !isOnly(read.range, 'article-b'))).toEqual([])
    expect(recording.reads.filter((read) => read.range == null)).toEqual([])
    expect(cardsCellOf('Geneva talks')).toBe(String(made.added))
  })

  it('shows new, due and total per article from the maintained counts, reading no card', async () => {
    const made = await syncArticleCards(db, first, NOW_MS)
    const [answered] = await cardIdsOf(db, first.article.id)
    await answer(db, answered)
    recording = recordCardsReads()
    app = await mountApp('/')
    await eventually(() => expect(cellOf('Geneva talks', 'Cards')).toBe(String(made.added)))
    await settle()

    // The answered card left the new queue (it is in learning, due again within minutes).
    expect(cellOf('Geneva talks', 'New')).toBe(String(made.added - 1))
    expect(cellOf('Geneva talks', 'Due')).toBe('1')
    expect(cellOf('Border talks', 'Cards')).toBe('0')
    // The only card reads allowed are the few cards due in the hour the study day ends in, when
    // it ends mid-hour; nothing by article, nothing unbounded.
    for (const read of recording.reads) {
      expect(read).toMatchObject({ index: '[queue+due]' })
      expect(read.range).toBeInstanceOf(IDBKeyRange)
    }
  })

  it('reads and observes no card while the Library is not shown, and recounts on return', async () => {
    recording = recordCardsReads()
    // The app starts on another page: the library loads (first-launch check) without counts.
    app = await mountApp('/study')
    await settle()
    expect(recording.reads).toEqual([])

    const made = await syncArticleCards(db, first, NOW_MS)
    await answer(db, (await cardIdsOf(db, first.article.id))[0])
    await settle()
    expect(recording.reads.filter((read) => read.method === 'count')).toEqual([])

    await app.router.push('/')
    await eventually(() => expect(cardsCellOf('Geneva talks')).toBe(String(made.added)))
    expect(api.loadBuiltinArticle).not.toHaveBeenCalled()
  })
})
