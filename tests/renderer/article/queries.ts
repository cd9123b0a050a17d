/**
 * Minimal role and accessible-name queries for component tests (a small subset of the
 * accessible name computation: aria-labelledby, aria-label, then text content).
 */
const implicitRoles: Record<string, string> = {
  button: 'button',
  select: 'combobox',
  dialog: 'dialog',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  nav: 'navigation',
  aside: 'complementary',
  li: 'listitem',
  ul: 'list'
}

function roleOf(element: Element): string | null {
  const explicit = element.getAttribute('role')
  if (explicit) return explicit
  const tag = element.tagName.toLowerCase()
  if (tag === 'a' && element.hasAttribute('href')) return 'link'
  const named = element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby')
  if (tag === 'section' && named) return 'region'
  if (tag === 'details' || tag === 'summary') return null
  return implicitRoles[tag] ?? null
}

function isHidden(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return true
  }
  return false
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function textOf(element: Element): string {
  let text = ''
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 3) text += node.textContent ?? ''
    else if (node.nodeType === 1 && !isHidden(node as Element)) text += textOf(node as Element)
  }
  return text
}

/** The accessible name of an element. */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby')
  if (labelledBy) {
    const document = element.ownerDocument
    return normalise(
      labelledBy
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
    )
  }
  const label = element.getAttribute('aria-label')
  if (label) return normalise(label)
  return normalise(textOf(element))
}

/** Every visible element with the role whose accessible name matches. */
export function queryAllByRole(
  root: Element,
  role: string,
  name?: string | RegExp,
  options: { level?: number } = {}
): HTMLElement[] {
  return Array.from(root.querySelectorAll('*')).filter((element): element is HTMLElement => {
    if (roleOf(element) !== role || isHidden(element)) return false
    if (options.level !== undefined && element.tagName !== `H${options.level}`) return false
    if (name === undefined) return true
    const accessible = accessibleName(element)
    return typeof name === 'string' ? accessible === name : name.test(accessible)
  })
}

/** The one element with the role and name; throws (listing what there is) otherwise. */
export function getByRole(
  root: Element,
  role: string,
  name?: string | RegExp,
  options: { level?: number } = {}
): HTMLElement {
  const found = queryAllByRole(root, role, name, options)
  if (found.length !== 1) {
    const available = queryAllByRole(root, role).map(accessibleName)
    throw new Error(
      `Expected one ${role} named ${String(name)}, found ${found.length}. Available: ${JSON.stringify(available)}`
    )
  }
  return found[0]
}
