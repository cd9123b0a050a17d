/**
 * Minimal role + accessible-name queries (what Testing Library does, for the few roles these
 * tests use), so component tests find elements the way a screen reader user would.
 */

const implicitRoles: Record<string, (element: Element) => string | null> = {
  A: (element) => (element.hasAttribute('href') ? 'link' : null),
  BUTTON: () => 'button',
  DIALOG: () => 'dialog',
  NAV: () => 'navigation',
  MAIN: () => 'main',
  TABLE: () => 'table',
  TR: () => 'row',
  UL: () => 'list',
  LI: () => 'listitem',
  TEXTAREA: () => 'textbox',
  H1: () => 'heading',
  H2: () => 'heading',
  H3: () => 'heading',
  FIELDSET: () => 'group',
  SECTION: (element) =>
    element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : null,
  INPUT: (element) => {
    const type = (element.getAttribute('type') ?? 'text').toLowerCase()
    if (type === 'radio') return 'radio'
    if (type === 'checkbox') return 'checkbox'
    if (type === 'search') return 'searchbox'
    if (['text', 'email', 'url'].includes(type)) return 'textbox'
    return null
  }
}

/** The element's role: explicit `role` first, then the tag's implicit role. */
export function roleOf(element: Element): string | null {
  const explicit = element.getAttribute('role')
  if (explicit) return explicit.split(/\s+/)[0]
  return implicitRoles[element.tagName]?.(element) ?? null
}

function isHidden(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return true
    if (node.tagName === 'DIALOG' && !node.hasAttribute('open')) return true
  }
  return false
}

function textOf(element: Element): string {
  let text = ''
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === 3) text += child.textContent ?? ''
    else if (child instanceof Element && child.getAttribute('aria-hidden') !== 'true') {
      text += ` ${child.getAttribute('aria-label') ?? textOf(child)} `
    }
  }
  return text
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** The accessible name, following the parts of the spec these components rely on. */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby')
  if (labelledBy) {
    return squash(
      labelledBy
        .split(/\s+/)
        .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' ')
    )
  }
  const label = element.getAttribute('aria-label')
  if (label) return squash(label)
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)) {
    const id = element.getAttribute('id')
    const explicit = id ? element.ownerDocument.querySelector(`label[for="${id}"]`) : null
    const wrapping = element.closest('label')
    const labelElement = explicit ?? wrapping
    if (labelElement) {
      // A radio's wrapping label also holds hints; the first text run is its name.
      const firstText = labelElement.querySelector('.theme-label, .field-label')
      return squash((firstText ?? labelElement).textContent ?? '')
    }
    return ''
  }
  if (element.tagName === 'FIELDSET') {
    return squash(element.querySelector('legend')?.textContent ?? '')
  }
  return squash(textOf(element))
}

/** Every visible element with this role (and name, when given) under `root`. */
export function queryAllByRole(
  root: ParentNode,
  role: string,
  name?: string | RegExp
): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('*')).filter((element) => {
    if (roleOf(element) !== role || isHidden(element)) return false
    if (name === undefined) return true
    const actual = accessibleName(element)
    return typeof name === 'string' ? actual === name : name.test(actual)
  })
}

/** The one element with this role and name; throws with a list of candidates otherwise. */
export function getByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = queryAllByRole(root, role, name)
  if (found.length === 1) return found[0]
  const candidates = queryAllByRole(root, role)
    .map((element) => JSON.stringify(accessibleName(element)))
    .join(', ')
  throw new Error(
    `Expected one ${role} named ${String(name)}, found ${found.length}. ${role}s: ${candidates || 'none'}`
  )
}
