/**
 * Keeps the Library's per-article counts (`articleCounts`, `dueCounts`) in step with the cards
 * table, inside the very transaction that writes the cards. It is a Dexie DBCore middleware, so
 * every write path is covered without each repository remembering to do it: answers, undo,
 * syncs, suspensions, burials, bulk browser operations, article removal and its undo, Check
 * Database and restore. The maths is `core/library/article-counts` (pure); this module only reads
 * the rows a write touches and stores their new values.
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
  Transaction
} from 'dexie'
import {
  addCard,
  countAll,
  dueHour,
  emptyCountsRow,
  emptyDelta,
  type ArticleCountsRow,
  type CountedCard,
  type CountsDelta,
  type DueCountRow
} from '../../../core/library/article-counts'
import type { TalliedCard } from '../../../core/stats/tallies'
import { applyTallyChanges, TALLY_TABLES } from './tallies-repo'

/**
 * The tables the middleware writes, added to every read-write transaction over `cards`: the
 * Library's counts and the Stats view's tallies (tallies-repo).
 */
export const COUNTS_TABLES = ['articleCounts', 'dueCounts', ...TALLY_TABLES] as const

/** `DBCoreRangeType.Any` (a `const enum` in Dexie's types, so not importable as a value). */
const RANGE_ANY = 3

const anyRange = {
  type: RANGE_ANY,
  lower: undefined,
  upper: undefined,
  lowerOpen: false,
  upperOpen: false
} as const

function failedAt(response: DBCoreMutateResponse, index: number): boolean {
  return response.numFailures > 0 && response.failures[index] !== undefined
}

/**
 * Writes `delta` into the counts tables through `core` (below this middleware, so Dexie's live
 * queries still see the change). Rows whose counts all reach zero are deleted.
 */
export async function applyCountsDelta(
  core: DBCore,
  trans: DBCoreTransaction,
  delta: CountsDelta,
  rowsOf: Map<string, ArticleCountsRow>
): Promise<void> {
  const countsTable = core.table('articleCounts')
  const hoursTable = core.table('dueCounts')
  const putRows: ArticleCountsRow[] = []
  const deleteRows: string[] = []
  for (const [articleId, change] of delta.articles) {
    if (change.total === 0 && change.new === 0 && change.overdue === 0) continue
    const row = { ...(rowsOf.get(articleId) ?? emptyCountsRow(articleId)) }
    row.total += change.total
    row.new += change.new
    row.overdue += change.overdue
    if (row.total === 0 && row.new === 0 && row.overdue === 0) deleteRows.push(articleId)
    else putRows.push(row)
  }
  const hourChanges = [...delta.hours.values()].filter((entry) => entry.count !== 0)
  const hourKeys = hourChanges.map((entry) => [entry.articleId, entry.hour])
  const storedHours = (
    hourKeys.length > 0 ? await hoursTable.getMany({ trans, keys: hourKeys }) : []
  ) as (DueCountRow | undefined)[]
  const putHours: DueCountRow[] = []
  const deleteHours: unknown[] = []
  hourChanges.forEach((entry, index) => {
    const count = (storedHours[index]?.count ?? 0) + entry.count
    if (count === 0) deleteHours.push(hourKeys[index])
    else putHours.push({ articleId: entry.articleId, hour: entry.hour, count })
  })
  const writes: Promise<unknown>[] = []
  if (putRows.length > 0) writes.push(countsTable.mutate({ trans, type: 'put', values: putRows }))
  if (deleteRows.length > 0) {
    writes.push(countsTable.mutate({ trans, type: 'delete', keys: deleteRows }))
  }
  if (putHours.length > 0) writes.push(hoursTable.mutate({ trans, type: 'put', values: putHours }))
  if (deleteHours.length > 0) {
    writes.push(hoursTable.mutate({ trans, type: 'delete', keys: deleteHours }))
  }
  const results = (await Promise.all(writes)) as DBCoreMutateResponse[]
  for (const result of results) {
    if (result.numFailures > 0) throw Object.values(result.failures)[0]
  }
}

/** Reads the counts rows of `articleIds`. */
export async function readCountsRows(
  core: DBCore,
  trans: DBCoreTransaction,
  articleIds: readonly string[]
): Promise<Map<string, ArticleCountsRow>> {
  const rows = (await core.table('articleCounts').getMany({ trans, keys: [...articleIds] })) as (
    ArticleCountsRow | undefined
  )[]
  const byId = new Map<string, ArticleCountsRow>()
  rows.forEach((row, index) => {
    if (row) byId.set(articleIds[index], row)
  })
  return byId
}

/** The cards a write replaces or deletes, position by position (undefined where none). */
async function cardsBefore(
  cards: DBCoreTable,
  req: DBCoreMutateRequest
): Promise<(CountedCard | undefined)[]> {
  const trans = req.trans
  switch (req.type) {
    case 'add':
    case 'put': {
      const keys = req.keys ?? req.values.map((value) => cards.schema.primaryKey.extractKey!(value))
      return (await cards.getMany({ trans, keys })) as (CountedCard | undefined)[]
    }
    case 'delete':
      return (await cards.getMany({ trans, keys: req.keys })) as (CountedCard | undefined)[]
    case 'deleteRange': {
      const response = await cards.query({
        trans,
        values: true,
        query: { index: cards.schema.primaryKey, range: req.range }
      })
      return response.result as CountedCard[]
    }
  }
}

function keyOf(cards: DBCoreTable, card: CountedCard): string {
  return String(cards.schema.primaryKey.extractKey!(card))
}

function createCountsCore(down: DBCore): DBCore {
  return {
    ...down,
    transaction(stores, mode, options) {
      const names =
        mode === 'readwrite' && stores.includes('cards')
          ? [...new Set([...stores, ...COUNTS_TABLES])]
          : stores
      return down.transaction(names, mode, options)
    },
    table(name) {
      const table = down.table(name)
      if (name !== 'cards') return table
      return {
        ...table,
        async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
          const trans = req.trans
          if (req.type === 'deleteRange' && req.range.type === RANGE_ANY) {
            // Every card goes: so do all counts (no card needs reading).
            const response = await table.mutate(req)
            await Promise.all(
              COUNTS_TABLES.map((counts) =>
                down.table(counts).mutate({ trans, type: 'deleteRange', range: anyRange })
              )
            )
            return response
          }
          const before = await cardsBefore(table, req)
          const response = await table.mutate(req)
          const after: readonly (CountedCard | undefined)[] =
            req.type === 'add' || req.type === 'put' ? req.values : []
          // Positions are applied in order, so a key written twice in one batch counts once.
          const current = new Map<string, CountedCard | undefined>()
          const changes: { card: CountedCard; sign: 1 | -1 }[] = []
          const positions = Math.max(before.length, after.length)
          for (let index = 0; index < positions; index++) {
            if (failedAt(response, index)) continue
            const next = after[index]
            const previousStored = before[index]
            const key =
              next !== undefined
                ? keyOf(table, next)
                : previousStored !== undefined
                  ? keyOf(table, previousStored)
                  : null
            if (key === null) continue
            const previous = current.has(key) ? current.get(key) : previousStored
            if (previous) changes.push({ card: previous, sign: -1 })
            if (next) changes.push({ card: next, sign: 1 })
            current.set(key, next)
          }
          if (changes.length === 0) return response
          const articleIds = [...new Set(changes.map((change) => change.card.articleId))]
          const rows = await readCountsRows(down, trans, articleIds)
          const delta = emptyDelta()
          const foldMarkOf = (articleId: string): number =>
            rows.get(articleId)?.foldedBelowHour ?? 0
          for (const change of changes) addCard(delta, change.card, change.sign, foldMarkOf)
          await Promise.all([
            applyCountsDelta(down, trans, delta, rows),
            // The values written are whole card records (Dexie turns updates into puts of them).
            applyTallyChanges(
              down,
              trans,
              changes as unknown as { card: TalliedCard; sign: 1 | -1 }[]
            )
          ])
          return response
        }
      }
    }
  }
}

/** Registered by `QuotedeckDatabase` (see `maintainCounts`). */
export const articleCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'QuotedeckArticleCounts',
  create: (down) => createCountsCore(down)
}

/**
 * Version 3's upgrade: counts the cards of an existing collection once, with due hours before
 * the current hour already folded into `overdue`. Cards are walked with a cursor, so the whole
 * table is never held at once.
 */
export async function computeCountsInUpgrade(tx: Transaction, nowMs: number): Promise<void> {
  const counted: CountedCard[] = []
  await tx
    .table('cards')
    .toCollection()
    .each((card: CountedCard) => {
      counted.push({ articleId: card.articleId, queue: card.queue, due: card.due })
    })
  const counts = countAll(counted, dueHour(nowMs))
  await tx.table('articleCounts').bulkPut(counts.articles)
  await tx.table('dueCounts').bulkPut(counts.hours)
}
