import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { BulkImportMode } from '../../../shared/collection'
import { receiveFromMain } from '../article-receive'
import { addArticle as addArticleRecord } from '../db/articles-repo'
import { getDatabase } from '../db/schema'
import { useExtractionStore } from './extraction'
import { describeError, useLibraryStore } from './library'

/** A file a bulk import could not add, with the reason in words. */
export interface FailedImport {
  name: string
  path: string
  reason: string
}

/** What a finished (or cancelled) bulk import did. */
export interface BulkImportReport {
  added: number
  /** Files whose content (same cleaned text, so the same content hash) was already there. */
  duplicates: string[]
  failed: FailedImport[]
  /** Files in a chosen folder that are not articles (.txt, .md, .html, .htm). */
  ignoredCount: number
  cancelled: boolean
  total: number
}

/** Progress of the running import. */
export interface BulkImportProgress {
  done: number
  total: number
  currentName: string
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Imports many files: the main process lists and reads them (cleaning each into an article), the
 * extraction worker finds quotes off the page's main thread, and files are taken one at a time so
 * the window stays responsive and Cancel stops between two files.
 */
export const useBulkImportStore = defineStore('bulk-import', () => {
  const progress = ref<BulkImportProgress | null>(null)
  const report = ref<BulkImportReport | null>(null)
  const errorMessage = ref<string | null>(null)
  let cancelRequested = false

  function cancel(): void {
    cancelRequested = true
  }

  /** Imports a given list of chosen paths (after `chooseBulkImport`). */
  async function importPaths(
    paths: readonly string[],
    ignoredCount = 0
  ): Promise<BulkImportReport> {
    const db = getDatabase()
    const extraction = useExtractionStore()
    const library = useLibraryStore()
    cancelRequested = false
    const result: BulkImportReport = {
      added: 0,
      duplicates: [],
      failed: [],
      ignoredCount,
      cancelled: false,
      total: paths.length
    }
    const seen = new Set<string>()
    progress.value = { done: 0, total: paths.length, currentName: '' }
    try {
      for (const [index, path] of paths.entries()) {
        if (cancelRequested) {
          result.cancelled = true
          break
        }
        const name = fileName(path)
        progress.value = { done: index, total: paths.length, currentName: name }
        const loaded = await receiveFromMain(await window.api.readImportFile(path))
        if (!loaded.ok) {
          result.failed.push({ name, path, reason: describeError(loaded.error) })
          continue
        }
        const article = loaded.value
        // The article id is the hash of its cleaned text: same id, same content.
        const known =
          seen.has(article.id) || (await db.articles.where(':id').equals(article.id).count()) > 0
        seen.add(article.id)
        if (known) {
          result.duplicates.push(name)
          continue
        }
        try {
          await addArticleRecord(db, article, Date.now())
        } catch (error) {
          result.failed.push({ name, path, reason: `It could not be stored: ${errorText(error)}` })
          continue
        }
        result.added += 1
        const extracted = await extraction.ensureExtracted(article.id)
        if (!extracted.ok) {
          result.failed.push({
            name,
            path,
            reason: `It was added, but ${extracted.error.message.charAt(0).toLowerCase()}${extracted.error.message.slice(1)}`
          })
        }
      }
      progress.value = {
        done: result.cancelled ? progress.value.done : paths.length,
        total: paths.length,
        currentName: ''
      }
    } finally {
      report.value = result
      progress.value = null
      await library.refresh().catch(() => undefined)
    }
    return result
  }

  /** Shows the dialog (several files, or a folder), then imports what was chosen. */
  async function chooseAndImport(mode: BulkImportMode): Promise<BulkImportReport | null> {
    errorMessage.value = null
    report.value = null
    const chosen = await window.api.chooseBulkImport(mode)
    if (!chosen.ok) {
      errorMessage.value = chosen.error.message
      return null
    }
    if (chosen.value === null) return null
    if (chosen.value.paths.length === 0) {
      errorMessage.value = 'No articles (.txt, .md, .html or .htm files) were found there.'
      return null
    }
    return importPaths(chosen.value.paths, chosen.value.ignoredCount)
  }

  return { progress, report, errorMessage, cancel, importPaths, chooseAndImport }
})
