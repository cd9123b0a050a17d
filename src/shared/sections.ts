/**
 * The app's top-level sections, in the order the navigation and the View menu show them. Shared so
 * the main process's menu and the page's router cannot disagree on a name.
 */
export const APP_SECTIONS = [
  { name: 'library', label: 'Library', path: '/' },
  { name: 'study', label: 'Study', path: '/study' },
  { name: 'browse', label: 'Browse', path: '/browse' },
  { name: 'quiz', label: 'Quiz', path: '/quiz' },
  { name: 'missed', label: 'Missed', path: '/missed' },
  { name: 'stats', label: 'Stats', path: '/stats' },
  { name: 'settings', label: 'Settings', path: '/settings' }
] as const

/** A section's name (`library`, `study`, …). */
export type AppSectionName = (typeof APP_SECTIONS)[number]['name']

/** The section of that name, or undefined for an unknown one. */
export function sectionNamed(name: unknown): (typeof APP_SECTIONS)[number] | undefined {
  return APP_SECTIONS.find((section) => section.name === name)
}
