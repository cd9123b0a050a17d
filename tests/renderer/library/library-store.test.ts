import { packArticle } from '../../../src/shared/article-transport'
import { describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fail, ok } from '../../../src/shared/result'
import { getSetting } from '../../../src/renderer/src/db/settings-repo'
import { addArticle } from '../../../src/renderer/src/db/articles-repo'
import { syncArticleCards } from '../../../src/renderer/src/db/cards-repo'
import { makeArticle as makeArticleWithExtraction } from '../db/fixtures'
import { maxArticleBytes, useLibraryStore } from '../../../src/renderer/src/stores/library'
import { useNotificationsStore } from '../../../src/renderer/src/stores/notifications'
import {
  NOW_MS,
  builtinArticle,
  extractionStub,
  installApiStub,
  makeArticle,
  useFreshDatabase,
  useLibraryTestEnvironment
} from './helpers'

vi.mock(
  '../../../src/renderer/src/stores/extraction',
  async () => (await import('./helpers')).extractionStoreModule
)
const { ensureExtracted } = extractionStub

/** A new app start on the same database: fresh stores, nothing cached. */
function restartApp(): ReturnType<typeof useLibraryStore> {
  setActivePinia(createPinia())
  return useLibraryStore()
}

describe('library store', () => {
  const env = useLibraryTestEnvironment()

  describe('first-launch seeding', () => {
    it('adds the built-in article on first launch and starts its extraction', async () => {
      const library = restartApp()
      await library.initialize()

      expect(library.articles.map((article) => article.id)).toEqual([builtinArticle.id])
      expect(library.articles[0].source).toEqual({
        kind: 'builtin',
        name: 'seed-blinken-china.txt'
      })
      expect(await getSetting(env.db, 'seededBuiltin')).toBe(true)
      expect(ensureExtracted).toHaveBeenCalledWith(builtinArticle.id, expect.anything())
    })

    it('seeds only once, even when the seed was removed afterwards', async () => {
      const first = restartApp()
      await first.initialize()
      await first.initialize()
      expect(env.api.loadBuiltinArticle).toHaveBeenCalledTimes(1)

      await first.remove(builtinArticle.id)
      expect(first.articles).toEqual([])

      const second = restartApp()
      await second.initialize()
      expect(env.api.loadBuiltinArticle).toHaveBeenCalledTimes(1)
      expect(second.articles).toEqual([])
    })

    it('does not seed a library that already has articles', async () => {
      await addArticle(env.db, makeArticle('mine'), NOW_MS)
      const library = restartApp()
      await library.initialize()

      expect(env.api.loadBuiltinArticle).not.toHaveBeenCalled()
      expect(library.articles.map((article) => article.id)).toEqual(['mine'])
    })

    it('explains a built-in article that fails to load, and tries again next launch', async () => {
      env.api.loadBuiltinArticle.mockResolvedValueOnce(fail('NOT_FOUND', 'The file is missing.'))
      const library = restartApp()
      await library.initialize()

      expect(library.articles).toEqual([])
      expect(library.lastError).toBe(
        'The built-in article could not be loaded: The file is missing.'
      )
      expect(await getSetting(env.db, 'seededBuiltin')).toBe(false)

      const again = restartApp()
      await again.initialize()
      expect(again.articles).toHaveLength(1)
    })
  })

  describe('adding', () => {
    it('a binary file becomes a readable message and leaves the library unchanged', async () => {
      const library = restartApp()
      await library.initialize()
      env.api.openArticleDialog.mockResolvedValueOnce(
        fail('BINARY', 'That file is a PDF, not a text article.')
      )

      const outcome = await library.openFromDialog()

      expect(outcome).toEqual({
        status: 'failed',
        message: 'That file is a PDF, not a text article.'
      })
      expect(library.lastError).toBe('That file is a PDF, not a text article.')
      expect(library.articles.map((article) => article.id)).toEqual([builtinArticle.id])
      expect(await env.db.articles.count()).toBe(1)
      const notifications = useNotificationsStore()
      expect(notifications.items).toEqual([
        expect.objectContaining({
          kind: 'error',
          message: 'That file is a PDF, not a text article.'
        })
      ])
    })

    it('falls back to a sentence per error code when the message is empty', async () => {
      const library = restartApp()
      const outcome = await library.addFromResult(fail('TOO_LARGE', ''))
      expect(outcome).toEqual({ status: 'failed', message: 'That file is larger than 50 MB.' })
    })

    it('a cancelled Open dialog changes nothing and says nothing', async () => {
      const library = restartApp()
      await library.initialize()
      const outcome = await library.openFromDialog()

      expect(outcome).toEqual({ status: 'cancelled' })
      expect(library.lastError).toBeNull()
      expect(useNotificationsStore().items).toEqual([])
    })

    it('adds an opened file newest first, clears the last error and starts extraction', async () => {
      const library = restartApp()
      await library.initialize()
      await library.addFromResult(fail('EMPTY', 'That file is empty.'))
      vi.setSystemTime(NOW_MS + 60_000)
      env.api.openArticleDialog.mockResolvedValueOnce(ok(packArticle(makeArticle('second'))))

      const outcome = await library.openFromDialog()

      expect(outcome).toEqual({ status: 'added', articleId: 'second', title: 'Article second' })
      expect(library.lastError).toBeNull()
      expect(library.articles.map((article) => article.id)).toEqual(['second', builtinArticle.id])
      expect(ensureExtracted).toHaveBeenLastCalledWith('second', expect.anything())
      expect(env.api.listRecentFiles).toHaveBeenCalled()
    })

    it('reports an article that is already in the library without duplicating it', async () => {
      const library = restartApp()
      await library.addArticle(makeArticle('a'))
      const outcome = await library.addFromResult(ok(packArticle(makeArticle('a'))))

      expect(outcome.status).toBe('existing')
      expect(library.articles).toHaveLength(1)
      expect(ensureExtracted).toHaveBeenCalledTimes(1)
    })

    it('refuses a dropped file over 50 MB without reading it', async () => {
      const library = restartApp()
      const arrayBuffer = vi.fn()
      const huge = { name: 'huge.txt', size: maxArticleBytes + 1, arrayBuffer } as unknown as File

      const outcome = await library.importFile(huge)

      expect(outcome).toEqual({
        status: 'failed',
        message: '“huge.txt” is 50.1 MB; articles can be at most 50 MB.'
      })
      expect(arrayBuffer).not.toHaveBeenCalled()
      expect(env.api.importDroppedFile).not.toHaveBeenCalled()
    })

    it('sends a dropped file’s name, size and bytes to the loader', async () => {
      const library = restartApp()
      env.api.importDroppedFile.mockResolvedValueOnce(ok(packArticle(makeArticle('dropped'))))
      const file = new File(['Hello “world”'], 'notes.md')

      const outcome = await library.importFile(file)

      expect(outcome.status).toBe('added')
      const sent = env.api.importDroppedFile.mock.calls[0][0]
      expect(sent.name).toBe('notes.md')
      expect(sent.size).toBe(file.size)
      expect(new TextDecoder().decode(sent.bytes)).toBe('Hello “world”')
    })

    it('reads a staged long text part by part and stores the whole article', async () => {
      const library = restartApp()
      const article = makeArticle('long')
      const parts = [article.text.slice(0, 5), article.text.slice(5)]
      env.api.importDroppedFile.mockResolvedValueOnce(
        ok({
          ...packArticle(article),
          text: '',
          stagedText: { handle: 'h1', partCount: 2, length: article.text.length }
        })
      )
      env.api.readArticleTextPart.mockImplementation(async (_handle: string, index: number) =>
        ok(parts[index])
      )

      const outcome = await library.importFile(new File(['x'], 'long.txt'))

      expect(outcome.status).toBe('added')
      expect(env.api.readArticleTextPart.mock.calls).toEqual([
        ['h1', 0],
        ['h1', 1]
      ])
      expect((await env.db.articles.get('long'))?.text).toBe(article.text)
    })

    it('adds nothing, and says so, when a staged text can no longer be read', async () => {
      const library = restartApp()
      await library.initialize()
      const before = await env.db.articles.count()
      const article = makeArticle('gone')
      env.api.importDroppedFile.mockResolvedValueOnce(
        ok({
          ...packArticle(article),
          text: '',
          stagedText: { handle: 'h2', partCount: 2, length: article.text.length }
        })
      )
      env.api.readArticleTextPart.mockResolvedValueOnce(
        fail('NOT_FOUND', 'The article’s text is no longer waiting to be opened.')
      )

      const outcome = await library.importFile(new File(['x'], 'gone.txt'))

      expect(outcome.status).toBe('failed')
      expect(library.lastError).toContain('no longer waiting')
      expect(await env.db.articles.count()).toBe(before)
    })

    it('shows the progress of a big load while it lasts, and Cancel stops it and adds nothing', async () => {
      const library = restartApp()
      await library.initialize()
      const before = library.articles.length
      let answer: (value: unknown) => void = () => undefined
      env.api.importDroppedFile.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)))
      env.api.cancelArticleLoad.mockImplementationOnce(async () => {
        answer(fail('CANCELLED', 'Loading “big.txt” was cancelled.'))
        return true
      })
      const importing = library.importFile(new File(['Big text'], 'big.txt'))
      await vi.waitFor(() => expect(env.api.importDroppedFile).toHaveBeenCalled())
      expect(library.loadProgress).toBeNull()
      const progress = { name: 'big.txt', stage: 'cleaning', fraction: 0.3 } as const
      env.api.emitMenuCommand({ kind: 'load-progress', progress })
      expect(library.loadProgress).toEqual(progress)

      await library.cancelLoad()
      expect(await importing).toEqual({ status: 'cancelled' })
      expect(library.loadProgress).toBeNull()
      expect(library.articles).toHaveLength(before)
      expect(useNotificationsStore().items.map((item) => item.message)).toContain(
        'Loading “big.txt” was cancelled: nothing was added to your library.'
      )
      // Progress pushed after the load answered is not shown.
      env.api.emitMenuCommand({ kind: 'load-progress', progress })
      expect(library.loadProgress).toBeNull()
    })

    it('shows the progress of a load the menu started until its answer arrives, with Cancel', async () => {
      const library = restartApp()
      const progress = { name: 'menu.txt', stage: 'decoding', fraction: 0.05 } as const
      library.showMenuLoadProgress(progress)
      expect(library.loadProgress).toEqual(progress)
      library.endMenuLoad()
      expect(library.loadProgress).toBeNull()

      library.showMenuLoadProgress(progress)
      env.api.cancelArticleLoad.mockResolvedValueOnce(true)
      await library.cancelLoad()
      expect(env.api.cancelArticleLoad).toHaveBeenCalledTimes(1)
      expect(library.loadProgress).toBeNull()
      // Progress still in flight after Cancel is not shown; the menu's "cancelled" message ends it.
      library.showMenuLoadProgress(progress)
      expect(library.loadProgress).toBeNull()
      library.endMenuLoad()
      library.showMenuLoadProgress(progress)
      expect(library.loadProgress).toEqual(progress)
    })

    it('passes pasted text and the edited title to the loader', async () => {
      const library = restartApp()
      env.api.articleFromText.mockResolvedValueOnce(
        ok(packArticle(makeArticle('pasted', { source: { kind: 'clipboard' } })))
      )
      await library.addFromText('Some text', 'My title')
      expect(env.api.articleFromText).toHaveBeenCalledWith('Some text', 'My title')
      expect(library.articles[0].source).toEqual({ kind: 'clipboard' })
    })
  })

  it('keeps card counts current as cards are made in the background, while watched', async () => {
    const { article, extraction } = makeArticleWithExtraction()
    env.api.loadBuiltinArticle.mockResolvedValueOnce(ok(packArticle(article)))
    const library = restartApp()
    // What the Library view does while it is mounted.
    const stopWatching = library.watchCardCounts()
    await vi.waitFor(
      () => expect(library.articles.map((summary) => summary.id)).toEqual([article.id]),
      { timeout: 15000 }
    )
    expect(library.articles[0].cardCount).toBe(0)

    const made = await syncArticleCards(env.db, { article, extraction }, NOW_MS)

    expect(made.added).toBeGreaterThan(0)
    await vi.waitFor(() => expect(library.articles[0].cardCount).toBe(made.added), {
      timeout: 15000
    })
    stopWatching()
  })

  describe('removing', () => {
    it('offers Undo, which puts the article back', async () => {
      const library = restartApp()
      await library.addArticle(makeArticle('a'))
      await library.remove('a')
      expect(library.articles).toEqual([])

      const notifications = useNotificationsStore()
      const toast = notifications.items.find((item) => item.message === 'Removed “Article a”.')
      expect(toast?.action?.label).toBe('Undo')
      await notifications.runAction(toast!.id)

      expect(library.articles.map((article) => article.id)).toEqual(['a'])
      expect(library.articles[0].addedAt).toBe(NOW_MS)
    })
  })
})

describe('library store without a database', () => {
  it('says the library could not be opened instead of loading forever', async () => {
    installApiStub()
    const db = useFreshDatabase()
    vi.spyOn(db.settings, 'get').mockRejectedValue(new Error('QuotaExceededError'))
    const library = restartApp()

    await library.initialize()

    expect(library.loaded).toBe(true)
    expect(library.lastError).toBe('Your library could not be opened: QuotaExceededError')
  })
})
