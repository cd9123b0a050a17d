import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { h, type VNode } from 'vue'
import QuizView from '../../../src/renderer/src/views/QuizView.vue'
import MissedView from '../../../src/renderer/src/views/MissedView.vue'
import SettingsView from '../../../src/renderer/src/views/SettingsView.vue'

/** Stands in for views other engineers own. */
function Placeholder(props: { id?: string }): VNode {
  return h('h1', props.id ? `Article ${props.id}` : 'Placeholder')
}

function Root(): VNode {
  return h(RouterView)
}

export interface Mounted {
  wrapper: VueWrapper
  router: Router
  root: HTMLElement
}

/** Mounts the quiz, missed and settings views behind a router, attached to the page. */
export async function mountAt(path: string): Promise<Mounted> {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Placeholder },
      { path: '/article/:id', name: 'article', component: Placeholder, props: true },
      { path: '/quiz', name: 'quiz', component: QuizView },
      { path: '/missed', name: 'missed', component: MissedView },
      { path: '/settings', name: 'settings', component: SettingsView }
    ]
  })
  await router.push(path)
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount(Root, {
    global: { plugins: [pinia, router] },
    attachTo: host
  })
  await flushPromises()
  return { wrapper, router, root: document.body }
}

/** Presses a key on the window, as the app's keyboard handlers listen there. */
export function press(key: string, target: EventTarget = window): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
}

/** Waits until `check` stops throwing (Dexie promises resolve over several macrotasks). */
export async function eventually(check: () => unknown, tries = 100): Promise<void> {
  let lastError: unknown
  for (let attempt = 0; attempt < tries; attempt++) {
    try {
      await check()
      return
    } catch (error) {
      lastError = error
      await flushPromises()
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  throw lastError
}
