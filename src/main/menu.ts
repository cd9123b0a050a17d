import { Menu, type MenuItemConstructorOptions } from 'electron'
import {
  buildMenuTemplate,
  type MenuAction,
  type MenuItemSpec,
  type MenuState
} from './menu-template'

/**
 * Turns the data template into Electron's menu options: each `action` becomes a click handler
 * that calls `run`; roles, accelerators and radio state pass through unchanged.
 */
export function toElectronMenuOptions(
  specs: readonly MenuItemSpec[],
  run: (action: MenuAction) => void
): MenuItemConstructorOptions[] {
  return specs.map((spec) => {
    const options: MenuItemConstructorOptions = {}
    if (spec.id !== undefined) options.id = spec.id
    if (spec.label !== undefined) options.label = spec.label
    if (spec.type !== undefined) options.type = spec.type
    if (spec.accelerator !== undefined) options.accelerator = spec.accelerator
    if (spec.registerAccelerator !== undefined) {
      options.registerAccelerator = spec.registerAccelerator
    }
    if (spec.role !== undefined) options.role = spec.role
    if (spec.checked !== undefined) options.checked = spec.checked
    if (spec.enabled !== undefined) options.enabled = spec.enabled
    if (spec.submenu !== undefined) options.submenu = toElectronMenuOptions(spec.submenu, run)
    const action = spec.action
    if (action !== undefined) options.click = () => run(action)
    return options
  })
}

/** Builds the menu for `state` and makes it the application menu. */
export function installApplicationMenu(state: MenuState, run: (action: MenuAction) => void): Menu {
  const menu = Menu.buildFromTemplate(toElectronMenuOptions(buildMenuTemplate(state), run))
  Menu.setApplicationMenu(menu)
  return menu
}
