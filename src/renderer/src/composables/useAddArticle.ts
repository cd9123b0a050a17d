import { useRouter } from 'vue-router'
import type { PackedArticle } from '../../../shared/article-transport'
import { ok } from '../../../shared/result'
import { shortTitle } from '../components/library/format'
import { useLibraryStore, type AddOutcome } from '../stores/library'
import { useNotificationsStore } from '../stores/notifications'

export interface AddArticleActions {
  /** Shows the Open dialog; opens the chosen article. */
  openFromDialog(): Promise<AddOutcome>
  openRecent(path: string): Promise<AddOutcome>
  /** Files dropped on the window; one is opened, several are added and listed. */
  importFiles(files: File[]): Promise<AddOutcome[]>
  /** Pasted text; resolves to an error message, or null when the article was added. */
  addFromText(text: string, title?: string): Promise<string | null>
  /** An article the main process already loaded (menu File › Open). */
  addLoaded(article: PackedArticle): Promise<AddOutcome>
}

/**
 * Adding an article from any source, then showing it: every way in ends on the article's page,
 * so opening a file feels like opening a document. Failures are already announced by the store.
 */
export function useAddArticle(): AddArticleActions {
  const router = useRouter()
  const library = useLibraryStore()
  const notifications = useNotificationsStore()
  // One Open dialog at a time, however often Ctrl+O is pressed.
  let dialogOpen = false

  async function show(outcome: AddOutcome): Promise<AddOutcome> {
    if (outcome.status === 'added' || outcome.status === 'existing') {
      if (outcome.status === 'existing') {
        notifications.info(`“${shortTitle(outcome.title)}” is already in your library.`)
      }
      await router.push({ name: 'article', params: { id: outcome.articleId } })
    }
    return outcome
  }

  async function openFromDialog(): Promise<AddOutcome> {
    if (dialogOpen) return { status: 'cancelled' }
    dialogOpen = true
    try {
      return await show(await library.openFromDialog())
    } finally {
      dialogOpen = false
    }
  }

  async function importFiles(files: File[]): Promise<AddOutcome[]> {
    if (files.length === 1) return [await show(await library.importFile(files[0]))]
    const outcomes: AddOutcome[] = []
    for (const file of files) outcomes.push(await library.importFile(file))
    const added = outcomes.filter((outcome) => outcome.status === 'added').length
    if (added > 0) {
      notifications.info(`Added ${added} ${added === 1 ? 'article' : 'articles'} to your library.`)
      await router.push({ name: 'library' })
    }
    return outcomes
  }

  async function addFromText(text: string, title?: string): Promise<string | null> {
    const outcome = await library.addFromText(text, title)
    if (outcome.status === 'failed') return outcome.message
    await show(outcome)
    return null
  }

  return {
    openFromDialog,
    openRecent: async (path) => show(await library.openRecent(path)),
    importFiles,
    addFromText,
    addLoaded: async (article) => show(await library.addFromResult(ok(article)))
  }
}
