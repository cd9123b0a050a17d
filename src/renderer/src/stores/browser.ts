import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  BROWSER_COLUMNS,
  DEFAULT_COLUMNS,
  facetCounts,
  isColumnList,
  rangeIds,
  sortKey,
  sortRows,
  stateLabel,
  type BrowserColumn,
  type BrowserSort
} from '../../../core/browser/browser-table'
import { compileSearch, foldCard, refoldCard } from '../../../core/browser/compiled-search'
import { splitAtAnchor, type SentenceParts } from '../../../core/cards/text'
import {
  parseSearchQuery,
  type SearchableCard,
  type SearchContext
} from '../../../core/browser/search-query'
import {
  buryUntil,
  defaultSchedulerSettings,
  localTimeZone,
  studyDayEnd,
  type SchedulerSettings
} from '../../../core/scheduling'
import type { ReviewLogEntry } from '../../../core/scheduling/types'
import {
  applyBulkAction,
  browserRow,
  cardReviewHistory,
  searchCards,
  undoBulkAction,
  updateCardText,
  type BrowserRow,
  type BulkAction,
  type BulkUndo,
  type CardTextEdit
} from '../db/browser-repo'
import { getArticle } from '../db/articles-repo'
import { getDatabase, type CardRecord } from '../db/schema'
import { readSetting, writeSetting } from '../db/settings-repo'
import { loadSchedulerSettings } from '../db/study-settings-repo'
import { useBackupStore } from './backup'
import { useExtractionStore } from './extraction'

/** Settings keys the browser remembers. */
export const BROWSER_COLUMNS_KEY = 'browser.columns'
export const BROWSER_SAVED_SEARCHES_KEY = 'browser.savedSearches'

/** A search the user named and kept in the sidebar. */
export interface SavedSearch {
  name: string
  query: string
}

function isSavedSearchList(value: unknown): value is SavedSearch[] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as SavedSearch).name === 'string' &&
        typeof (entry as SavedSearch).query === 'string'
    )
  )
}

/** The bulk actions the browser offers, as the toolbar names them. */
export type BrowserBulkKind = BulkAction['kind']

/** The focused card's source: its sentence split around the quote, and who may have said it. */
export interface CardSource extends SentenceParts {
  articleTitle: string
  /** Speakers of the article (for a quote card's speaker choice), empty otherwise. */
  speakers: Array<{ id: string; name: string }>
  /** The quote's speaker as the Article view shows it (corrections applied); null: nobody. */
  speakerId: string | null
  /** Whether the card comes from a quote (its speaker can be corrected). */
  isQuote: boolean
}

/** One undoable step: a bulk action, or an edit of one card's text. */
interface UndoEntry {
  label: string
  undo: BulkUndo
}

/** What a bulk action did, in words for the status line. */
const PAST_TENSE: Readonly<Record<BrowserBulkKind, string>> = {
  suspend: 'Suspended',
  unsuspend: 'Unsuspended',
  bury: 'Buried',
  reset: 'Reset to new',
  reschedule: 'Rescheduled',
  delete: 'Deleted'
}

function cardsWord(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'card' : 'cards'}`
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A row for `card` that keeps the names of the row it replaces. */
function refreshedRow(card: CardRecord, previous: BrowserRow): BrowserRow {
  return browserRow(card, previous.speakerName, previous.articleTitle)
}

/**
 * The card browser. Every card is read once when the browser opens and kept as rows (with the
 * searchable text folded once); a search then runs in memory over them, so typing a query over
 * 100,000 cards needs no database round trip. Bulk actions and edits write through the
 * repository (one transaction each) and update the kept rows from what was stored.
 */
export const useBrowserStore = defineStore('browser', () => {
  const rows = shallowRef<BrowserRow[]>([])
  let folded = new Map<string, SearchableCard>()
  /**
   * Every row in the current sort order, kept between searches: a search then only filters
   * (in order) and never sorts 100,000 rows again. Dropped when the rows or the sort change.
   */
  let sortedAll: BrowserRow[] | null = null
  /** The folded cards of `sortedAll`, index for index (no lookup per card while filtering). */
  let sortedFolded: SearchableCard[] = []
  /** Where each row is in `sortedAll` (a change that keeps a row's sort key is patched in). */
  let sortedIndex = new Map<string, number>()
  /**
   * The rows by id, kept beside `rows` (not a computed: rebuilding a map of 100,000 rows after
   * every bulk action would cost more than the action's own bookkeeping). `rowsVersion` tells
   * Vue when it changed.
   */
  let rowById = new Map<string, BrowserRow>()
  const rowsVersion = ref(0)
  const loaded = ref(false)
  const loading = ref(false)
  const loadError = ref<string | null>(null)

  const query = ref('')
  /** The last query that ran (what the table shows). */
  const shownQuery = ref('')
  const parseError = ref<string | null>(null)
  const results = shallowRef<BrowserRow[]>([])
  /** How long the last search took to filter and sort, ms (shown, and read by the bench). */
  const lastSearchMs = ref(0)
  /** How long the last bulk action's transaction took, ms (read by the bench). */
  const lastBulkTransactionMs = ref(0)
  const sort = ref<BrowserSort>({ column: 'due', direction: 'ascending' })
  const columns = ref<BrowserColumn[]>([...DEFAULT_COLUMNS])
  const savedSearches = ref<SavedSearch[]>([])

  const selected = shallowRef<ReadonlySet<string>>(new Set())
  const anchorId = ref<string | null>(null)
  const focusedId = ref<string | null>(null)
  const history = shallowRef<ReviewLogEntry[]>([])
  const historyError = ref<string | null>(null)

  const source = shallowRef<CardSource | null>(null)
  const sourceError = ref<string | null>(null)

  const undoStack = shallowRef<UndoEntry[]>([])
  const busy = ref(false)
  /** The outcome of the last action in words (a polite live region shows it). */
  const notice = ref<string | null>(null)
  const actionError = ref<string | null>(null)

  let settings: SchedulerSettings = { ...defaultSchedulerSettings }
  let clock: () => number = () => Date.now()

  /** Replaced in tests (fixed dates). */
  function setClock(next: () => number): void {
    clock = next
  }

  const resultIds = computed(() => results.value.map((row) => row.id))
  const focusedRow = computed<BrowserRow | null>(() => {
    void rowsVersion.value
    return focusedId.value === null ? null : (rowById.get(focusedId.value) ?? null)
  })
  const selectedCount = computed(() => selected.value.size)
  const canUndo = computed(() => undoStack.value.length > 0)

  /** Facets beside the saved searches: how many cards per article, speaker and state. */
  const facets = computed(() => ({
    articles: facetCounts(rows.value.map((row) => row.articleTitle)),
    speakers: facetCounts(
      rows.value.flatMap((row) => (row.speakerName === null ? [] : [row.speakerName]))
    ),
    states: facetCounts(rows.value.map((row) => stateLabel(row.queue)))
  }))

  function setRows(next: BrowserRow[]): void {
    rows.value = next
    sortedAll = null
    folded = new Map(next.map((row) => [row.id, foldCard(row)]))
    rowById = new Map(next.map((row) => [row.id, row]))
    rowsVersion.value++
  }

  /** `sortedAll` (and its folded twin and index) in the current sort, built when missing. */
  function sortedRows(): BrowserRow[] {
    if (sortedAll === null) {
      sortedAll = sortRows(rows.value, sort.value)
      sortedFolded = sortedAll.map((row) => folded.get(row.id) as SearchableCard)
      sortedIndex = new Map(sortedAll.map((row, index) => [row.id, index]))
    }
    return sortedAll
  }

  /** Reads every card (again) and runs the current search. */
  async function load(): Promise<void> {
    loading.value = true
    loadError.value = null
    try {
      const db = getDatabase()
      const [stored, columnChoice, saved, scheduler] = await Promise.all([
        searchCards(db, { node: null, nowMs: clock(), dayEndMs: 0, leechThreshold: 0 }),
        readSetting(db, BROWSER_COLUMNS_KEY, [...DEFAULT_COLUMNS], isColumnList),
        readSetting(db, BROWSER_SAVED_SEARCHES_KEY, [], isSavedSearchList),
        loadSchedulerSettings(db)
      ])
      settings = scheduler
      columns.value = BROWSER_COLUMNS.filter((column) => columnChoice.includes(column))
      savedSearches.value = saved
      setRows(stored)
      loaded.value = true
      await runSearch()
    } catch (error) {
      loadError.value = `The cards could not be read: ${errorText(error)}`
    } finally {
      loading.value = false
    }
  }

  /** What a search needs beyond the rows (`rated:` reads each row's last answer time). */
  function searchContext(nowMs: number): SearchContext {
    return {
      nowMs,
      dayEndMs: studyDayEnd(nowMs, settings, localTimeZone()),
      leechThreshold: settings.leechThreshold
    }
  }

  /**
   * Runs `query` over the kept rows and sorts the matches. A malformed query leaves the table as
   * it was and says what is wrong.
   */
  async function runSearch(): Promise<void> {
    const text = query.value
    const parsed = parseSearchQuery(text)
    if (!parsed.ok) {
      parseError.value = `${parsed.message} (at character ${parsed.position + 1})`
      return
    }
    parseError.value = null
    const startedAt = performance.now()
    const context = searchContext(clock())
    const matches = compileSearch(parsed.node, context)
    const matched: BrowserRow[] = []
    const ordered = sortedRows()
    for (let index = 0; index < ordered.length; index++) {
      if (matches(sortedFolded[index])) matched.push(ordered[index])
    }
    results.value = matched
    shownQuery.value = text
    lastSearchMs.value = performance.now() - startedAt
    // A selection only covers what is shown (nothing to check when nothing is selected).
    if (selected.value.size > 0 || focusedId.value !== null) {
      const shown = new Set(resultIds.value)
      const kept = [...selected.value].filter((id) => shown.has(id))
      if (kept.length !== selected.value.size) selected.value = new Set(kept)
      if (focusedId.value !== null && !shown.has(focusedId.value)) focusedId.value = null
    }
  }

  async function setQuery(next: string): Promise<void> {
    query.value = next
    await runSearch()
  }

  /** Adds a facet's term to the query (or replaces the query when it is empty). */
  async function addTerm(term: string): Promise<void> {
    const current = query.value.trim()
    await setQuery(current === '' ? term : `${current} ${term}`)
  }

  /** Click on a header: sort by that column, or flip the direction when it already is. */
  function sortBy(column: BrowserColumn): void {
    sort.value =
      sort.value.column === column
        ? {
            column,
            direction: sort.value.direction === 'ascending' ? 'descending' : 'ascending'
          }
        : { column, direction: 'ascending' }
    sortedAll = null
    results.value = sortRows(results.value, sort.value)
  }

  async function setColumnShown(column: BrowserColumn, shown: boolean): Promise<void> {
    const next = BROWSER_COLUMNS.filter((c) => (c === column ? shown : columns.value.includes(c)))
    // The table always keeps one column.
    if (next.length === 0) return
    columns.value = next
    await writeSetting(getDatabase(), BROWSER_COLUMNS_KEY, [...next])
  }

  async function saveSearch(name: string): Promise<void> {
    const trimmed = name.trim()
    if (trimmed === '') return
    const others = savedSearches.value.filter((entry) => entry.name !== trimmed)
    savedSearches.value = [...others, { name: trimmed, query: query.value }]
    await writeSetting(getDatabase(), BROWSER_SAVED_SEARCHES_KEY, savedSearches.value.slice())
  }

  async function removeSavedSearch(name: string): Promise<void> {
    savedSearches.value = savedSearches.value.filter((entry) => entry.name !== name)
    await writeSetting(getDatabase(), BROWSER_SAVED_SEARCHES_KEY, savedSearches.value.slice())
  }

  // -------------------------------------------------------------------------------------------
  // Selection

  function focus(id: string | null): void {
    if (focusedId.value === id) return
    focusedId.value = id
    void loadHistory(id)
    void loadSource(id)
  }

  /** Reads the focused card's article and (for a quote) its speakers, for the editor pane. */
  async function loadSource(id: string | null): Promise<void> {
    source.value = null
    sourceError.value = null
    const row = id === null ? undefined : rowById.get(id)
    if (!row) return
    const card = row.card
    try {
      const article = await getArticle(getDatabase(), card.articleId)
      if (focusedId.value !== id) return
      if (!article) {
        sourceError.value = 'The article of this card is no longer in the library.'
        return
      }
      const { span } = card.anchor
      const isQuote = card.noteId.includes(':quote:')
      let speakers: CardSource['speakers'] = []
      let speakerId: string | null = card.answerSpeakerId
      if (isQuote) {
        const extraction = useExtractionStore()
        const extracted = await extraction.ensureExtracted(card.articleId)
        if (focusedId.value !== id) return
        if (extracted.ok) {
          speakers = extracted.value.speakers.map((speaker) => ({
            id: speaker.id,
            name: speaker.name
          }))
          const quote = extracted.value.quotes.find(
            (q) => q.start === span.start && q.end === span.end
          )
          if (quote) speakerId = quote.speaker
        }
      }
      source.value = {
        articleTitle: article.title,
        ...splitAtAnchor(article.text, card.anchor),
        speakers,
        speakerId,
        isQuote
      }
    } catch (error) {
      sourceError.value = `The source sentence could not be read: ${errorText(error)}`
    }
  }

  /**
   * Attributes the focused quote card's quote to another speaker. The correction is stored as the
   * Article view stores it (by the quote's span), the article's cards follow, and the rows are
   * read again.
   */
  async function changeSpeaker(speakerId: string | null): Promise<boolean> {
    const row = focusedRow.value
    if (!row || !source.value?.isQuote) return false
    actionError.value = null
    try {
      const extraction = useExtractionStore()
      await extraction.correctSpeaker(row.card.articleId, row.card.anchor.span, speakerId)
      const syncError = extraction.cardSyncErrors[row.card.articleId]
      if (syncError) {
        actionError.value = syncError
        return false
      }
      const id = row.id
      await load()
      focusedId.value = rowById.has(id) ? id : null
      await loadSource(focusedId.value)
      notice.value = 'Speaker corrected (as in the Article view).'
      return true
    } catch (error) {
      actionError.value = `The speaker was not changed: ${errorText(error)}`
      return false
    }
  }

  /** A click on a row: alone selects it; Shift adds the range from the anchor; Ctrl toggles. */
  function clickRow(id: string, modifiers: { shift?: boolean; toggle?: boolean } = {}): void {
    if (modifiers.shift) {
      const range = rangeIds(resultIds.value, anchorId.value, id)
      selected.value = modifiers.toggle ? new Set([...selected.value, ...range]) : new Set(range)
    } else if (modifiers.toggle) {
      const next = new Set(selected.value)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      selected.value = next
      anchorId.value = id
    } else {
      selected.value = new Set([id])
      anchorId.value = id
    }
    focus(id)
  }

  /** Arrow keys: moves the focus by `delta` rows; with `extend`, the selection grows with it. */
  function moveFocus(delta: number, extend = false): string | null {
    const ids = resultIds.value
    if (ids.length === 0) return null
    const at = focusedId.value === null ? -1 : ids.indexOf(focusedId.value)
    const next = ids[Math.max(0, Math.min(ids.length - 1, at < 0 ? 0 : at + delta))]
    if (extend) clickRow(next, { shift: true })
    else clickRow(next)
    return next
  }

  function selectAll(): void {
    selected.value = new Set(resultIds.value)
  }

  function clearSelection(): void {
    selected.value = new Set()
  }

  async function loadHistory(id: string | null): Promise<void> {
    history.value = []
    historyError.value = null
    if (id === null) return
    try {
      const logs = await cardReviewHistory(getDatabase(), id)
      if (focusedId.value === id) history.value = logs
    } catch (error) {
      historyError.value = `The review history could not be read: ${errorText(error)}`
    }
  }

  // -------------------------------------------------------------------------------------------
  // Changes

  /**
   * Puts stored cards into the kept rows (and the shown results), dropping deleted ids. Costs
   * the changed cards, not the collection: unchanged text keeps its fold, and rows whose sort
   * key stayed (a suspension keeps the due date) are patched into the kept sort order.
   */
  function applyStored(cards: CardRecord[], deletedIds: readonly string[]): void {
    const deleted = new Set(deletedIds)
    const changed = new Map<string, BrowserRow>()
    for (const card of cards) {
      const previous = rowById.get(card.id)
      if (!previous || deleted.has(card.id)) continue
      const row = refreshedRow(card, previous)
      changed.set(card.id, row)
      rowById.set(card.id, row)
      const previousFolded = folded.get(card.id)
      folded.set(
        card.id,
        previousFolded ? refoldCard(row, previous, previousFolded) : foldCard(row)
      )
    }
    for (const id of deleted) {
      rowById.delete(id)
      folded.delete(id)
    }
    if (changed.size === 0 && deleted.size === 0) return
    const replace = (row: BrowserRow): BrowserRow => changed.get(row.id) ?? row
    const keep = (row: BrowserRow): boolean => !deleted.has(row.id)
    rows.value = deleted.size > 0 ? rows.value.filter(keep).map(replace) : rows.value.map(replace)
    results.value =
      deleted.size > 0 ? results.value.filter(keep).map(replace) : results.value.map(replace)
    rowsVersion.value++
    patchSorted(changed, deleted.size > 0)
    if (deleted.size > 0) {
      selected.value = new Set([...selected.value].filter((id) => !deleted.has(id)))
      if (focusedId.value !== null && deleted.has(focusedId.value)) focusedId.value = null
    }
  }

  /** Keeps `sortedAll` when every changed row keeps its sort key; else drops it. */
  function patchSorted(changed: Map<string, BrowserRow>, anyDeleted: boolean): void {
    if (sortedAll === null) return
    if (anyDeleted) {
      sortedAll = null
      return
    }
    const column = sort.value.column
    for (const [id, row] of changed) {
      const at = sortedIndex.get(id)
      if (at === undefined || sortKey(sortedAll[at], column) !== sortKey(row, column)) {
        sortedAll = null
        return
      }
      sortedAll[at] = row
      sortedFolded[at] = folded.get(id) as SearchableCard
    }
  }

  /** The ids a bulk action applies to: the selection, in the shown order. */
  function selectedIds(): string[] {
    return resultIds.value.filter((id) => selected.value.has(id))
  }

  /**
   * Applies a bulk action to the selected cards (one transaction) and keeps it for Ctrl+Z. A bulk
   * delete first asks for a backup and stops when it cannot be taken.
   */
  async function applyToSelection(
    kind: BrowserBulkKind,
    options: { dueMs?: number } = {}
  ): Promise<boolean> {
    const ids = selectedIds()
    if (ids.length === 0 || busy.value) return false
    busy.value = true
    actionError.value = null
    notice.value = null
    try {
      const nowMs = clock()
      // The backup API is absent where no main process runs (component tests).
      const api = (typeof window === 'undefined' ? undefined : window.api) as
        Partial<typeof window.api> | undefined
      if (kind === 'delete' && typeof api?.saveBackup === 'function') {
        const backup = await useBackupStore().backupNow('before-bulk-delete')
        if (!backup.ok) {
          actionError.value = `Nothing was deleted: the collection could not be backed up first (${backup.error.message}).`
          return false
        }
      }
      const action: BulkAction =
        kind === 'bury'
          ? { kind, untilMs: buryUntil(nowMs, settings, localTimeZone()) }
          : kind === 'reschedule'
            ? { kind, dueMs: options.dueMs ?? nowMs }
            : ({ kind } as BulkAction)
      const db = getDatabase()
      const transactionStartedAt = performance.now()
      const { changed, undo, after } = await applyBulkAction(db, ids, action, nowMs)
      lastBulkTransactionMs.value = performance.now() - transactionStartedAt
      applyStored(after, undo.deletedIds)
      if (changed > 0) {
        undoStack.value = [
          ...undoStack.value,
          { label: `${PAST_TENSE[kind].toLowerCase()} ${cardsWord(changed)}`, undo }
        ]
      }
      notice.value =
        changed === 0
          ? `No card needed changing.`
          : `${PAST_TENSE[kind]} ${cardsWord(changed)}. Ctrl+Z undoes it.`
      return true
    } catch (error) {
      actionError.value = `The cards were not changed: ${errorText(error)}`
      return false
    } finally {
      busy.value = false
    }
  }

  /** Ctrl+Z: puts back the last bulk action or edit exactly as it was. */
  async function undo(): Promise<boolean> {
    const entry = undoStack.value[undoStack.value.length - 1]
    if (!entry || busy.value) return false
    busy.value = true
    actionError.value = null
    try {
      await undoBulkAction(getDatabase(), entry.undo)
      undoStack.value = undoStack.value.slice(0, -1)
      if (entry.undo.deletedIds.length > 0) {
        // Deleted rows come back with their names: read everything again.
        await load()
      } else {
        applyStored(entry.undo.before, [])
      }
      notice.value = `Undone: ${entry.label}.`
      return true
    } catch (error) {
      actionError.value = `The change could not be undone: ${errorText(error)}`
      return false
    } finally {
      busy.value = false
    }
  }

  /** Saves new front and back text for the focused card (undoable like a bulk action). */
  async function saveEdit(edit: CardTextEdit): Promise<boolean> {
    const row = focusedRow.value
    if (!row) return false
    actionError.value = null
    try {
      const stored = await updateCardText(getDatabase(), row.id, edit, clock())
      if (!stored) {
        actionError.value = 'This card no longer exists.'
        return false
      }
      applyStored([stored], [])
      undoStack.value = [
        ...undoStack.value,
        { label: 'the edit', undo: { before: [row.card], deletedIds: [], deletedLogs: [] } }
      ]
      notice.value = 'Card saved. Ctrl+Z undoes it.'
      return true
    } catch (error) {
      actionError.value = `The card was not saved: ${errorText(error)}`
      return false
    }
  }

  return {
    rows,
    loaded,
    loading,
    loadError,
    query,
    shownQuery,
    parseError,
    results,
    resultIds,
    lastSearchMs,
    lastBulkTransactionMs,
    sort,
    columns,
    savedSearches,
    selected,
    selectedCount,
    anchorId,
    focusedId,
    focusedRow,
    history,
    historyError,
    source,
    sourceError,
    changeSpeaker,
    facets,
    canUndo,
    busy,
    notice,
    actionError,
    setClock,
    load,
    runSearch,
    setQuery,
    addTerm,
    sortBy,
    setColumnShown,
    saveSearch,
    removeSavedSearch,
    clickRow,
    moveFocus,
    selectAll,
    clearSelection,
    focus,
    applyToSelection,
    undo,
    saveEdit
  }
})
