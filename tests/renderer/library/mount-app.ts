import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { defineComponent, h } from 'vue'
import App from '../../../src/renderer/src/App.vue'
import LibraryView from '../../../src/renderer/src/views/LibraryView.vue'
import SettingsView from '../../../src/renderer/src/views/SettingsView.vue'

/** Stands in for views other engineers own: shows its route so tests can see where they are. */
const Placeholder = defineComponent({
  props: { id: { type: String, default: '' } },
  setup(props) {
    return () => h('h1', props.id ? `Article ${props.id}` : 'Placeholder')
  }
})

export interface MountedApp {
  wrapper: VueWrapper
  router: Router
  root: HTMLElement
}

/** Mounts the real app shell with the real Library and Settings views, attached to the page. */
export async function mountApp(path = '/'): Promise<MountedApp> {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'library', component: LibraryView },
      { path: '/article/:id', name: 'article', component: Placeholder, props: true },
      { path: '/study', name: 'study', component: Placeholder },
      { path: '/quiz', name: 'quiz', component: Placeholder },
      { path: '/missed', name: 'missed', component: Placeholder },
      { path: '/stats', name: 'stats', component: Placeholder },
      { path: '/settings', name: 'settings', component: SettingsView }
    ]
  })
  await router.push(path)
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount(App, { global: { plugins: [pinia, router] }, attachTo: host })
  await flushPromises()
  return { wrapper, router, root: document.body }
}
