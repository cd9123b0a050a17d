/**
 * Keeps the Library's per-article counts (`articleCountShards`, `dueCounts`) in step with the cards
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
import {
  COUNT_SHARDS_TABLE,
  packShards,
  rewriteShards,
  rowsByArticle,
  shardsOf,
  type CountShardRecord
} from './count-shards'

/**
 * The tables the middleware writes, added to every read-write transaction over `cards`: the
 * Library's counts and the Stats view's tallies (tallies-repo).
 */
export const COUNTS_TABLES = [COUNT_SHARDS_TABLE, 'dueCounts', ...TALLY_TABLES] as const

/** `DBCoreRangeType.Any` (a `const enum` in Dexie's types, so not importable as a value). */
const RANGE_ANY = 3

const anyRange = {
  type: RANGE_ANY,
  lower: undefined,
  upper: undefined,
  lowerOpen: false,
  upperOpen: false
} as const

/** Whether position `index` of a mutate request failed (a duplicate key in an add). */
export function failedAt(response: DBCoreMutateResponse, index: number): boolean {
  return response.numFailures > 0 && response.failures[index] !== undefined
}

/**
 * Writes `delta` into the counts tables through `core` (below this middleware, so Dexie's live
 * queries still see the change). Rows whose counts all reach zero are deleted. `rowsOf` holds
 * every row of the shards the delta's articles fall in (`readCountsRows`); `hoursRead` holds
 * histogram rows already read in this transaction (by `hourKey`); the others are read here.
 */
export async function applyCountsDelta(
  core: DBCore,
  trans: DBCoreTransaction,
  delta: CountsDelta,
  rowsOf: Map<string, ArticleCountsRow>,
  hoursRead: ReadonlyMap<string, DueCountRow | undefined> = new Map()
): Promise<void> {
  const shardsTable = core.table(COUNT_SHARDS_TABLE)
  const hoursTable = core.table('dueCounts')
  const changedRows = new Map<string, ArticleCountsRow | null>()
  for (const [articleId, change] of delta.articles) {
    if (change.total === 0 && change.new === 0 && change.overdue === 0) continue
    const row = { ...(rowsOf.get(articleId) ?? emptyCountsRow(articleId)) }
    row.total += change.total
    row.new += change.new
    row.overdue += change.overdue
    changedRows.set(articleId, row.total === 0 && row.new === 0 && row.overdue === 0 ? null : row)
  }
  const hourChanges = [...delta.hours.values()].filter((entry) => entry.count !== 0)
  const hourKeys = hourChanges.map((entry): [string, number] => [entry.articleId, entry.hour])
  const unread = hourKeys.filter(([articleId, hour]) => !hoursRead.has(hourKey(articleId, hour)))
  const readNow = await readDueCountRows(core, trans, unread)
  const storedHours = hourKeys.map(([articleId, hour]) => {
    const key = hourKey(articleId, hour)
    return hoursRead.has(key) ? hoursRead.get(key) : readNow.get(key)
  })
  const putHours: DueCountRow[] = []
  const deleteHours: unknown[] = []
  hourChanges.forEach((entry, index) => {
    const count = (storedHours[index]?.count ?? 0) + entry.count
    if (count === 0) deleteHours.push(hourKeys[index])
    else putHours.push({ articleId: entry.articleId, hour: entry.hour, count })
  })
  const writes: Promise<unknown>[] = []
  if (changedRows.size > 0) {
    const { put, deleteShards } = rewriteShards(rowsOf, changedRows)
    if (put.length > 0) writes.push(shardsTable.mutate({ trans, type: 'put', values: put }))
    if (deleteShards.length > 0) {
      writes.push(shardsTable.mutate({ trans, type: 'delete', keys: deleteShards }))
    }
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

/**
 * Every counts row of the shards `articleIds` fall in, by article id (rows of other articles in
 * those shards included: a shard is rewritten whole).
 */
export async function readCountsRows(
  core: DBCore,
  trans: DBCoreTransaction,
  articleIds: readonly string[]
): Promise<Map<string, ArticleCountsRow>> {
  const records = (await core
    .table(COUNT_SHARDS_TABLE)
    .getMany({ trans, keys: shardsOf(articleIds) })) as (CountShardRecord | undefined)[]
  return rowsByArticle(records)
}

/**
 * The counts work of each read-write transaction, one write after another: two card writes in
 * one transaction may touch the same shard, and each rewrites what it read.
 */
const countsQueue = new WeakMap<DBCoreTransaction, Promise<unknown>>()

function inTurn<T>(trans: DBCoreTransaction, work: () => Promise<T>): Promise<T> {
  const previous = countsQueue.get(trans) ?? Promise.resolve()
  const next = previous.then(work, work)
  countsQueue.set(
    trans,
    next.catch(() => undefined)
  )
  return next
}

/** Whether `trans` is a schema upgrade (its upgrade functions keep the counts themselves). */
function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as unknown as { mode?: string }).mode === 'versionchange'
}

/**
 * The counted and tallied fields of the cards each read-write transaction over `cards`
 * has read or written so far, by key (undefined: no such card). Inside one transaction nothing
 * else writes the cards, so a card read before it is written (a bulk action reads the cards it
 * changes) need not be read again to know what the write replaces. Only the key and the counted
 * and tallied fields are kept, copied: a caller may change the objects it read before writing
 * them back.
 */
const knownCards = new WeakMap<DBCoreTransaction, Map<string, CountedCard | undefined>>()

/**
 * The card's key and the fields the counts and the Stats tallies read (a write's plan needs the
 * key; `TalliedCard` lists what the tallies use), copied.
 */
function countedOf(card: CountedCard | undefined): CountedCard | undefined {
  if (card === undefined) return undefined
  const stored = card as CountedCard & TalliedCard & { id: string }
  const kept: TalliedCard & { id: string } = {
    id: stored.id,
    articleId: stored.articleId,
    template: stored.template,
    answerSpeakerId: stored.answerSpeakerId,
    answer: stored.answer,
    queue: stored.queue,
    due: stored.due,
    memoryState: stored.memoryState,
    scheduledDays: stored.scheduledDays,
    stability: stored.stability,
    difficulty: stored.difficulty,
    lapses: stored.lapses
  }
  return kept as unknown as CountedCard
}

/** Remembers what a read in `trans` returned for `keys` (nothing outside read-write ones). */
function rememberRead(trans: DBCoreTransaction, keys: readonly unknown[], values: unknown[]): void {
  const known = knownCards.get(trans)
  if (!known) return
  keys.forEach((key, index) => known.set(String(key), countedOf(values[index] as CountedCard)))
}

/** The cards a write replaces or deletes, position by position (undefined where none). */
async function cardsBefore(
  cards: DBCoreTable,
  req: DBCoreMutateRequest
): Promise<(CountedCard | undefined)[]> {
  const trans = req.trans
  switch (req.type) {
    case 'add':
    case 'put':
    case 'delete': {
      const keys =
        req.type === 'delete'
          ? req.keys
          : (req.keys ?? req.values.map((value) => cards.schema.primaryKey.extractKey!(value)))
      const known = knownCards.get(trans)
      const unknownKeys = known ? keys.filter((key) => !known.has(String(key))) : keys
      // Read even when nothing is unknown (an empty read): awaiting Dexie's own promise keeps the
      // transaction's zone for the writes that follow, which a plain resolved value would lose.
      const read = (await cards.getMany({ trans, keys: unknownKeys })) as unknown[]
      if (!known) return read as (CountedCard | undefined)[]
      rememberRead(trans, unknownKeys, read)
      return keys.map((key) => known!.get(String(key)))
    }
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

/**
 * The counted cards a write takes out (-1) and puts in (+1), position by position, and what each
 * key holds after it. Positions are applied in order, so a key written twice counts once; with
 * `response`, its failed positions are left out.
 */
function plannedChanges(
  table: DBCoreTable,
  before: readonly (CountedCard | undefined)[],
  after: readonly (CountedCard | undefined)[],
  response: DBCoreMutateResponse | null
): {
  changes: { card: CountedCard; sign: 1 | -1 }[]
  current: Map<string, CountedCard | undefined>
} {
  const current = new Map<string, CountedCard | undefined>()
  const changes: { card: CountedCard; sign: 1 | -1 }[] = []
  const positions = Math.max(before.length, after.length)
  for (let index = 0; index < positions; index++) {
    if (response !== null && failedAt(response, index)) continue
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
  return { changes, current }
}

/** The stored histogram rows of `keys`, by `hourKey` (undefined: none stored). */
async function readDueCountRows(
  core: DBCore,
  trans: DBCoreTransaction,
  keys: readonly [string, number][]
): Promise<Map<string, DueCountRow | undefined>> {
  const found = new Map<string, DueCountRow | undefined>()
  if (keys.length === 0) return found
  const rows = (await core.table('dueCounts').getMany({ trans, keys: [...keys] })) as (
    DueCountRow | undefined
  )[]
  keys.forEach(([articleId, hour], index) => found.set(hourKey(articleId, hour), rows[index]))
  return found
}

function hourKey(articleId: string, hour: number): string {
  return `${articleId}\u0000${hour}`
}

function createCountsCore(down: DBCore): DBCore {
  return {
    ...down,
    transaction(stores, mode, options) {
      const writesCards = mode === 'readwrite' && stores.includes('cards')
      const names = writesCards ? [...new Set([...stores, ...COUNTS_TABLES])] : stores
      const trans = down.transaction(names, mode, options)
      if (writesCards) knownCards.set(trans, new Map())
      return trans
    },
    table(name) {
      const table = down.table(name)
      if (name !== 'cards') return table
      return {
        ...table,
        get(req) {
          return table.get(req).then((value) => {
            rememberRead(req.trans, [req.key], [value])
            return value
          })
        },
        getMany(req) {
          return table.getMany(req).then((values) => {
            rememberRead(req.trans, req.keys, values)
            return values
          })
        },
        async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
          const trans = req.trans
          // Upgrade functions keep the counts of the cards they write themselves; the tables
          // this middleware writes may not exist yet at that step of an upgrade.
          if (isUpgrade(trans)) return table.mutate(req)
          if (req.type === 'deleteRange' && req.range.type === RANGE_ANY) {
            // Every card goes: so do all counts (no card needs reading).
            const response = await table.mutate(req)
            knownCards.get(trans)?.clear()
            await Promise.all(
              COUNTS_TABLES.map((counts) =>
                down.table(counts).mutate({ trans, type: 'deleteRange', range: anyRange })
              )
            )
            return response
          }
          return inTurn(trans, () => mutateCounted(table, req))
        }
      }
    }
  }

  async function mutateCounted(
    table: DBCoreTable,
    req: DBCoreMutateRequest
  ): Promise<DBCoreMutateResponse> {
    const trans = req.trans
    const before = await cardsBefore(table, req)
    const after: readonly (CountedCard | undefined)[] =
      req.type === 'add' || req.type === 'put' ? req.values : []
    // What the counts need is read while the cards are written (the reads queue behind
    // the writes in IndexedDB, without waiting for this page between them): the rows of
    // every article the write may touch, and every due hour it may move a card from or to
    // (as if nothing were folded yet: a superset of the hours the delta below keeps).
    const planned = plannedChanges(table, before, after, null)
    const articleIds = [...new Set(planned.changes.map((change) => change.card.articleId))]
    const unfolded = emptyDelta()
    for (const change of planned.changes) {
      addCard(unfolded, change.card, change.sign, () => -Infinity)
    }
    const hourKeys = [...unfolded.hours.values()]
      .filter((entry) => entry.count !== 0)
      .map((entry): [string, number] => [entry.articleId, entry.hour])
    const [response, rows, hours] = await Promise.all([
      table.mutate(req),
      articleIds.length > 0 ? readCountsRows(down, trans, articleIds) : new Map(),
      readDueCountRows(down, trans, hourKeys)
    ])
    // A failed position (a duplicate key in an add) changes nothing: plan again without it.
    const { changes, current } =
      response.numFailures > 0 ? plannedChanges(table, before, after, response) : planned
    // What is stored now, for the next write in this transaction.
    const known = knownCards.get(trans)
    if (known) {
      if (req.type === 'deleteRange') known.clear()
      else for (const [key, card] of current) known.set(key, countedOf(card))
    }
    if (changes.length === 0) return response
    const delta = emptyDelta()
    const foldMarkOf = (articleId: string): number => rows.get(articleId)?.foldedBelowHour ?? 0
    for (const change of changes) addCard(delta, change.card, change.sign, foldMarkOf)
    await Promise.all([
      applyCountsDelta(down, trans, delta, rows, hours),
      // The values written are whole card records (Dexie turns updates into puts of them);
      // the cards before a write are `countedOf` copies, which keep every tallied field.
      applyTallyChanges(down, trans, changes as unknown as { card: TalliedCard; sign: 1 | -1 }[])
    ])
    return response
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
 * table is never held at once. (It fills version 3's one-row-per-article `articleCounts`, which
 * version 8 packs into shards: `packCountsInUpgrade`.)
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

/** Version 8's upgrade: packs version 3's one row per article into the count shards. */
export async function packCountsInUpgrade(tx: Transaction): Promise<void> {
  const rows = (await tx.table('articleCounts').toArray()) as ArticleCountsRow[]
  await tx.table(COUNT_SHARDS_TABLE).bulkPut(packShards(rows))
}
