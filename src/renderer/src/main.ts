import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import './assets/theme.css'
import { getDatabase } from './db/schema'
import { requestPersistentStorage, watchUpgrades } from './db/storage'
import { useNotificationsStore } from './stores/notifications'

const pinia = createPinia()
createApp(App).use(pinia).use(router).mount('#app')
// A schema upgrade blocked by (or done in) another window is said in words, not left hanging.
watchUpgrades(getDatabase(), (message) => useNotificationsStore(pinia).error(message))
// Ask once at startup that the engine never evict the collection (its answer changes nothing else).
void requestPersistentStorage()
