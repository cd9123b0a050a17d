import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h, nextTick } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { afterEach } from 'vitest'
import { setDatabase, type QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import StudyView from '../../../src/renderer/src/views/StudyView.vue'
import { useFreshDatabase } from '../db/fixtures'

/** Accessible name as the tests need it: aria-label, aria-labelledby, else the text. */
export function nameOf(element: Element): string {
  const label = element.getAttribute('aria-label')
  if (label) return label.trim()
  const labelledBy = element.getAttribute('aria-labelledby')
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim()
  }
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim()
}

const roleSelectors: Record<string, string> = {
  button: 'button, [role="button"]',
  link: 'a[href]',
  progressbar: 'progress, [role="progressbar"]',
  status: '[role="status"]',
  alert: '[role="alert"]',
  combobox: 'select',
  heading: 'h1, h2, h3',
  region: 'section[aria-label], section[aria-labelledby], [role="region"]',
  group: '[role="group"], fieldset',
  table: 'table',
  spinbutton: 'input[type="number"]',
  textbox: 'input[type="text"], input:not([type]), textarea'
}

/** All elements of `role` whose accessible name matches. */
export function queryAllByRole(
  root: ParentNode,
  role: string,
  name?: RegExp | string
): HTMLElement[] {
  const selector = roleSelectors[role]
  if (!selector) throw new Error(`No selector for role ${role}`)
  return [...root.querySelectorAll<HTMLElement>(selector)].filter((element) => {
    if (name === undefined) return true
    const accessible = nameOf(element)
    return typeof name === 'string' ? accessible === name : name.test(accessible)
  })
}

export function getByRole(root: ParentNode, role: string, name?: RegExp | string): HTMLElement {
  const found = queryAllByRole(root, role, name)
  if (found.length !== 1) {
    throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}`)
  }
  return found[0]
}

export function queryByRole(
  root: ParentNode,
  role: string,
  name?: RegExp | string
): HTMLElement | null {
  return queryAllByRole(root, role, name)[0] ?? null
}

/** A key press on the window (where the study view listens), as the user's keyboard sends it. */
export function press(
  key: string,
  options: KeyboardEventInit = {},
  target: EventTarget = window
): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...options })
  target.dispatchEvent(event)
  return event
}

/** Presses `keys` one after another, letting Vue re-render between them as real keystrokes would. */
export async function pressInTurn(...keys: string[]): Promise<void> {
  for (const key of keys) {
    press(key)
    await nextTick()
  }
}

/**
 * Registers hooks for a view test: before each test a fresh database, installed as the app's, is
 * handed to `use` and Pinia starts afresh; after it, `unmount` runs, the page is cleared and the
 * database deleted.
 */
export function useViewTestSetup(use: (db: QuotedeckDatabase) => void, unmount: () => void): void {
  useFreshDatabase((db) => {
    setDatabase(db)
    setActivePinia(createPinia())
    use(db)
  })
  // Registered after the database hooks, so (hooks unwind as a stack) it runs before the delete.
  afterEach(() => {
    unmount()
    document.body.innerHTML = ''
  })
}

const Stub = defineComponent({ setup: () => () => h('p', 'elsewhere') })

/** Mounts the Study view with a fresh Pinia and an in-memory router. */
export async function mountStudyView(): Promise<{ wrapper: VueWrapper; router: Router }> {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/study', component: StudyView },
      { path: '/article/:id', component: Stub }
    ]
  })
  await router.push('/study')
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount(StudyView, { global: { plugins: [pinia, router] }, attachTo: host })
  await flushPromises()
  return { wrapper, router }
}
