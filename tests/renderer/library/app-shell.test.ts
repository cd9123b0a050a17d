import { packArticle } from '../../../src/shared/article-transport'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { fail, ok } from '../../../src/shared/result'
import { getSetting, setSetting } from '../../../src/renderer/src/db/settings-repo'
import {
  builtinArticle,
  eventually,
  extractionStub,
  makeArticle,
  useLibraryTestEnvironment
} from './helpers'
import { mountApp, type MountedApp } from './mount-app'
import { getByRole, queryAllByRole } from './queries'

vi.mock(
  '../../../src/renderer/src/stores/extraction',
  async () => (await import('./helpers')).extractionStoreModule
)
const { ensureExtracted } = extractionStub

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = window): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }))
}

/** A drag event carrying files, as the OS delivers one. */
function fileDragEvent(type: string, files: File[]): Event {
  const event = new Event(type, { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'dataTransfer', {
    value: { types: ['Files'], files, dropEffect: 'none' }
  })
  return event
}

describe('app shell', () => {
  let app: MountedApp
  const env = useLibraryTestEnvironment(() => app)

  beforeEach(() => {
    document.documentElement.removeAttribute('data-theme')
  })

  async function start(path = '/'): Promise<MountedApp> {
    app = await mountApp(path)
    // First launch: the seed is in the library before the test goes on.
    await eventually(async () => expect(await env.db.articles.count()).toBe(1))
    if (path === '/') await eventually(() => getByRole(document.body, 'link', builtinArticle.title))
    return app
  }

  it('has a main navigation with every section', async () => {
    await start()
    const nav = getByRole(document.body, 'navigation', 'Main')
    expect(queryAllByRole(nav, 'link').map((link) => link.textContent?.trim())).toEqual([
      'Library',
      'Study',
      'Browse',
      'Quiz',
      'Missed',
      'Stats',
      'Settings'
    ])
    getByRole(nav, 'link', 'Settings').click()
    await eventually(() => getByRole(document.body, 'heading', 'Settings'))
  })

  describe('menu commands', () => {
    it('open-article adds the article and shows it', async () => {
      await start()
      env.api.emitMenuCommand({ kind: 'open-article', article: packArticle(makeArticle('menu')) })
      await eventually(() => expect(app.router.currentRoute.value.path).toBe('/article/menu'))
      expect(await env.db.articles.get('menu')).toBeDefined()
      expect(ensureExtracted).toHaveBeenCalledWith('menu', expect.anything())
    })

    it('open-error shows the message as an alert', async () => {
      await start()
      env.api.emitMenuCommand({ kind: 'open-error', message: 'That file is larger than 50 MB.' })
      await eventually(() =>
        expect(getByRole(document.body, 'alert').textContent).toContain(
          'That file is larger than 50 MB.'
        )
      )
    })

    it('load-progress shows the load bar with Cancel until the loaded article arrives', async () => {
      await start()
      env.api.emitMenuCommand({
        kind: 'load-progress',
        progress: { name: 'big.html', stage: 'reading-page', fraction: 0.15 }
      })
      // A <progress> element: its role, progressbar, is implicit.
      const bar = (): Element | null =>
        document.querySelector('progress[aria-label="Reading the article"]')
      await eventually(() => expect(bar()).not.toBeNull())
      expect(document.body.textContent).toContain('Finding the article in the page: “big.html”…')
      expect((bar() as HTMLProgressElement).value).toBe(15)
      expect(getByRole(document.body, 'button', 'Cancel')).toBeDefined()
      env.api.emitMenuCommand({ kind: 'open-article', article: packArticle(makeArticle('menu')) })
      await eventually(() => expect(bar()).toBeNull())
    })

    it('go takes the page to the section; an unknown one or an open dialog keeps it where it is', async () => {
      await start('/stats')
      env.api.emitMenuCommand({ kind: 'go', section: 'settings' })
      await eventually(() => expect(app.router.currentRoute.value.path).toBe('/settings'))
      env.api.emitMenuCommand({ kind: 'go', section: 'nowhere' as never })
      env.api.emitMenuCommand({ kind: 'new-from-clipboard' })
      await vi.waitFor(() => getByRole(document.body, 'dialog', 'New article from text'), {
        timeout: 15000
      })
      env.api.emitMenuCommand({ kind: 'go', section: 'library' })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(app.router.currentRoute.value.path).toBe('/settings')
    })

    it('new-from-clipboard opens the paste dialog with the clipboard text', async () => {
      await start('/stats')
      env.api.readClipboardText.mockResolvedValueOnce('  \nFirst line title\nMore text here.')
      env.api.emitMenuCommand({ kind: 'new-from-clipboard' })
      const dialog = await vi.waitFor(
        () => getByRole(document.body, 'dialog', 'New article from text'),
        { timeout: 15000 }
      )
      expect((getByRole(dialog, 'textbox', 'Title') as HTMLInputElement).value).toBe(
        'First line title'
      )
      expect((getByRole(dialog, 'textbox', 'Article text') as HTMLTextAreaElement).value).toContain(
        'More text here.'
      )
    })

    it('theme sets data-theme, tells the main process and is remembered', async () => {
      await start()
      env.api.emitMenuCommand({ kind: 'theme', theme: 'dark' })
      await eventually(() =>
        expect(document.documentElement.getAttribute('data-theme')).toBe('dark')
      )
      expect(env.api.setThemePreference).toHaveBeenLastCalledWith('dark')
      expect(await getSetting(env.db, 'theme')).toBe('dark')
    })

    it('about shows the About dialog with the version; Esc closes it', async () => {
      await start()
      env.api.emitMenuCommand({ kind: 'about' })
      const dialog = await vi.waitFor(() => getByRole(document.body, 'dialog', 'About Quotedeck'), {
        timeout: 15000
      })
      await eventually(() => expect(dialog.textContent).toContain('1.2.3'))
      press('Escape', {}, dialog)
      await eventually(() => expect(queryAllByRole(document.body, 'dialog')).toHaveLength(0))
    })

    it('stops listening when the shell unmounts', async () => {
      await start()
      app.wrapper.unmount()
      env.api.emitMenuCommand({ kind: 'open-error', message: 'late' })
      await flushPromises()
      expect(queryAllByRole(document.body, 'alert')).toHaveLength(0)
    })
  })

  it('applies the stored theme on start', async () => {
    await setSetting(env.db, 'theme', 'light')
    await start()
    await eventually(() =>
      expect(document.documentElement.getAttribute('data-theme')).toBe('light')
    )
    expect(env.api.setThemePreference).toHaveBeenCalledWith('light')
    expect(env.api.setThemePreference).not.toHaveBeenCalledWith('system')
  })

  it('Ctrl+O shows the Open dialog from any page', async () => {
    await start('/quiz')
    press('o', { ctrlKey: true })
    await eventually(() => expect(env.api.openArticleDialog).toHaveBeenCalledTimes(1))
  })

  describe('paste dialog', () => {
    async function openPasteDialog(clipboard: string): Promise<HTMLElement> {
      await start()
      env.api.readClipboardText.mockResolvedValueOnce(clipboard)
      getByRole(document.body, 'button', 'Paste text…').click()
      return vi.waitFor(() => getByRole(document.body, 'dialog', 'New article from text'), {
        timeout: 15000
      })
    }

    it('adds the text with the edited title and shows the new article', async () => {
      const dialog = await openPasteDialog('Original headline\n\nBody of the pasted story.')
      const title = getByRole(dialog, 'textbox', 'Title') as HTMLInputElement
      expect(title.value).toBe('Original headline')
      title.value = 'My own title'
      title.dispatchEvent(new Event('input'))
      env.api.articleFromText.mockResolvedValueOnce(
        ok(packArticle(makeArticle('pasted', { source: { kind: 'clipboard' } })))
      )
      getByRole(dialog, 'button', 'Add to library').click()

      await eventually(() => expect(app.router.currentRoute.value.path).toBe('/article/pasted'))
      expect(env.api.articleFromText).toHaveBeenCalledWith(
        'Original headline\n\nBody of the pasted story.',
        'My own title'
      )
      expect(queryAllByRole(document.body, 'dialog')).toHaveLength(0)
    })

    it('keeps the dialog open and explains a failure inside it', async () => {
      const dialog = await openPasteDialog('   ')
      expect(getByRole(dialog, 'button', 'Add to library').hasAttribute('disabled')).toBe(true)
      const text = getByRole(dialog, 'textbox', 'Article text') as HTMLTextAreaElement
      text.value = '\u0000\u0001'
      text.dispatchEvent(new Event('input'))
      env.api.articleFromText.mockResolvedValueOnce(fail('BINARY', 'That text is not readable.'))
      await flushPromises()
      getByRole(dialog, 'button', 'Add to library').click()

      await eventually(() =>
        expect(getByRole(dialog, 'alert').textContent).toBe('That text is not readable.')
      )
      expect(getByRole(document.body, 'dialog', 'New article from text')).toBe(dialog)
      expect(await env.db.articles.count()).toBe(1)
    })

    it('traps Tab inside the dialog and closes on Esc', async () => {
      const dialog = await openPasteDialog('Headline')
      const text = getByRole(dialog, 'textbox', 'Article text')
      expect(document.activeElement).toBe(text)
      // "Add to library" is the last control, the Title field the first.
      const add = getByRole(dialog, 'button', 'Add to library')
      add.focus()
      press('Tab', {}, add)
      expect(document.activeElement).toBe(getByRole(dialog, 'textbox', 'Title'))
      press('Tab', { shiftKey: true }, document.activeElement as HTMLElement)
      expect(document.activeElement).toBe(add)

      press('Escape', {}, dialog)
      await eventually(() => expect(queryAllByRole(document.body, 'dialog')).toHaveLength(0))
    })
  })

  describe('drag and drop', () => {
    it('shows the drop overlay while files are dragged over the window', async () => {
      await start()
      window.dispatchEvent(fileDragEvent('dragenter', []))
      await flushPromises()
      expect(document.body.textContent).toContain('Drop to add to your library')
      window.dispatchEvent(fileDragEvent('dragleave', []))
      await flushPromises()
      expect(document.body.textContent).not.toContain('Drop to add to your library')
    })

    it('imports a dropped file and shows it', async () => {
      await start()
      env.api.importDroppedFile.mockResolvedValueOnce(ok(packArticle(makeArticle('dropped'))))
      const file = new File(['Dropped “text”.'], 'story.txt', { type: 'text/plain' })
      window.dispatchEvent(fileDragEvent('dragenter', [file]))
      window.dispatchEvent(fileDragEvent('drop', [file]))

      await eventually(() => expect(app.router.currentRoute.value.path).toBe('/article/dropped'))
      expect(env.api.importDroppedFile.mock.calls[0][0]).toMatchObject({ name: 'story.txt' })
      expect(document.body.textContent).not.toContain('Drop to add to your library')
    })

    it('imports several dropped files and stays on the Library', async () => {
      await start('/stats')
      env.api.importDroppedFile
        .mockResolvedValueOnce(ok(packArticle(makeArticle('one'))))
        .mockResolvedValueOnce(fail('BINARY', 'That file is a PNG image, not a text article.'))
        .mockResolvedValueOnce(ok(packArticle(makeArticle('two'))))
      const files = ['one.txt', 'picture.png', 'two.md'].map((name) => new File(['x'], name))
      window.dispatchEvent(fileDragEvent('drop', files))

      await eventually(() => getByRole(document.body, 'status', /Added 2 articles/))
      expect(getByRole(document.body, 'alert').textContent).toContain('PNG image')
      expect(app.router.currentRoute.value.path).toBe('/')
      expect(await env.db.articles.count()).toBe(3)
    })
  })

  describe('Settings', () => {
    it('switches theme with the radio group', async () => {
      await start('/settings')
      const group = getByRole(document.body, 'group', 'Theme')
      const system = getByRole(group, 'radio', 'System') as HTMLInputElement
      await eventually(() => expect(system.checked).toBe(true))

      getByRole(group, 'radio', 'Dark').click()
      await eventually(() =>
        expect(document.documentElement.getAttribute('data-theme')).toBe('dark')
      )
      expect(await getSetting(env.db, 'theme')).toBe('dark')

      getByRole(group, 'radio', 'System').click()
      await eventually(() =>
        expect(document.documentElement.hasAttribute('data-theme')).toBe(false)
      )
      expect(env.api.setThemePreference).toHaveBeenLastCalledWith('system')
    })
  })
})
