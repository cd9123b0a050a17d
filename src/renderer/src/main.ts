import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import './assets/theme.css'
import { getDatabase } from './db/schema'
import { requestPersistentStorage, watchUpgrades } from './db/storage'
import { useBackupStore } from './stores/backup'
import { useNotificationsStore } from './stores/notifications'
import { BACKUP_BEFORE_UPGRADE_TEXT, showStartupStatus } from './startup-status'

const pinia = createPinia()

/**
 * Backs the collection up first when this version of Quotedeck is about to upgrade its schema
 * (nothing has opened the database yet), then starts the app. A failed backup is said in words;
 * the app still starts, as the collection itself is untouched by the failure.
 */
async function start(): Promise<void> {
  let warning: string | null = null
  const status = showStartupStatus(document.getElementById('app'), BACKUP_BEFORE_UPGRADE_TEXT)
  try {
    const backedUp = await useBackupStore(pinia).backupBeforeMigration(
      undefined,
      undefined,
      (done, total) => status.progress(done, total)
    )
    if (!backedUp.ok) warning = backedUp.error.message
  } catch (error) {
    warning = `The collection could not be backed up before its upgrade: ${String(error)}`
  } finally {
    status.hide()
  }
  createApp(App).use(pinia).use(router).mount('#app')
  if (warning !== null) useNotificationsStore(pinia).error(warning)
  // A schema upgrade blocked by (or done in) another window is said in words, not left hanging.
  watchUpgrades(getDatabase(), (message) => useNotificationsStore(pinia).error(message))
  // Ask once at startup that the engine never evict the collection (its answer changes nothing else).
  void requestPersistentStorage()
}

void start()
