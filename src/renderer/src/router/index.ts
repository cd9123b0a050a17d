import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import { APP_SECTIONS } from '../../../shared/sections'
import { useStatsStore } from '../stores/stats'

/** Top-level sections, in the order the navigation shows them. */
export const sections = APP_SECTIONS

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'library', component: () => import('../views/LibraryView.vue') },
  {
    path: '/article/:id',
    name: 'article',
    component: () => import('../views/ArticleView.vue'),
    props: true
  },
  { path: '/study', name: 'study', component: () => import('../views/StudyView.vue') },
  { path: '/browse', name: 'browse', component: () => import('../views/BrowserView.vue') },
  { path: '/quiz', name: 'quiz', component: () => import('../views/QuizView.vue') },
  { path: '/missed', name: 'missed', component: () => import('../views/MissedView.vue') },
  {
    path: '/stats',
    name: 'stats',
    component: () => import('../views/StatsView.vue'),
    // The reads start with the click, while the previous view is taken down and this one set up.
    beforeEnter: () => {
      void useStatsStore().loadForVisit()
    }
  },
  { path: '/settings', name: 'settings', component: () => import('../views/SettingsView.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/' }
]

/** The app's router; hash history so the page works from file:// and any static server. */
export const router = createRouter({ history: createWebHashHistory(), routes })
