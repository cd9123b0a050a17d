#!/usr/bin/env node
// Runs before `electron-vite dev` / `electron-vite preview` (npm run dev / npm start).
//
// Electron 45's npm package no longer downloads its binary during `npm install`; it does so the
// first time the package is loaded in Node. electron-vite never loads it, and without the binary it
// stops with a bare "Error: Electron uninstall". This script makes sure the binary is there —
// downloading it once when possible — and otherwise explains in one sentence what is missing.
// It never runs during `npm install`, the build or the tests.

import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** How long a first-time download may take before we give up (the zip is ~100 MB). */
const DOWNLOAD_TIMEOUT_MS = 10 * 60 * 1000

const NETWORK_ERROR =
  /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|certificate/i

/**
 * Finds the Electron executable without loading the `electron` package.
 * @param {string} electronDir directory of the installed `electron` package
 * @param {Record<string, string | undefined>} env environment (ELECTRON_EXEC_PATH wins, as in electron-vite)
 * @returns {string | null} the executable's path when it exists
 */
export function findElectronBinary(electronDir, env) {
  const override = env.ELECTRON_EXEC_PATH
  if (override) return existsSync(override) ? override : null
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  if (relative === '') return null
  const binary = join(electronDir, 'dist', relative)
  return existsSync(binary) ? binary : null
}

/**
 * Loads the `electron` package in a child Node process, which downloads the binary when it is
 * missing. Output is captured, not shown: on failure we explain it in one sentence instead of a
 * stack trace.
 * @param {string} projectDir where `node_modules/electron` lives
 * @returns {{ ok: boolean, output: string }}
 */
export function downloadElectronBinary(projectDir) {
  const result = spawnSync(process.execPath, ['-e', "require('electron')"], {
    cwd: projectDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_MS
  })
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${result.error?.message ?? ''}`
  return { ok: result.status === 0, output }
}

/**
 * The one sentence shown when the binary is missing and could not be downloaded.
 * @param {string} output what the download attempt printed
 * @param {string} electronVersion the version package.json asks for
 */
export function explainMissingBinary(output, electronVersion) {
  const cause = NETWORK_ERROR.test(output)
    ? 'could not be downloaded (no network access to the Electron release server)'
    : 'could not be installed automatically'
  return (
    `Quotedeck could not start: the Electron ${electronVersion} binary is not installed and ${cause}; ` +
    'connect to the internet and run `npm run dev` again (or run `npx install-electron`), ' +
    'or point ELECTRON_EXEC_PATH at an Electron executable you already have.'
  )
}

/**
 * Makes sure the Electron binary exists.
 * @param {{ projectDir: string, env?: Record<string, string | undefined>,
 *   download?: (projectDir: string) => { ok: boolean, output: string },
 *   log?: (line: string) => void }} options
 * @returns {{ ok: true, binary: string } | { ok: false, message: string }}
 */
export function ensureElectron(options) {
  const env = options.env ?? process.env
  const download = options.download ?? downloadElectronBinary
  const log = options.log ?? (() => undefined)
  let electronDir
  try {
    const require = createRequire(join(options.projectDir, 'package.json'))
    electronDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return {
      ok: false,
      message:
        'Quotedeck could not start: the `electron` package is not installed; run `npm install` first.'
    }
  }
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version

  const present = findElectronBinary(electronDir, env)
  if (present) return { ok: true, binary: present }
  if (env.ELECTRON_EXEC_PATH) {
    return {
      ok: false,
      message: `Quotedeck could not start: ELECTRON_EXEC_PATH points at ${env.ELECTRON_EXEC_PATH}, which does not exist; fix or unset it.`
    }
  }

  log(`Downloading the Electron ${version} binary (once, about 100 MB)…`)
  const attempt = download(options.projectDir)
  const downloaded = findElectronBinary(electronDir, env)
  if (attempt.ok && downloaded) return { ok: true, binary: downloaded }
  return { ok: false, message: explainMissingBinary(attempt.output, version) }
}

function isMainModule() {
  return process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
}

if (isMainModule()) {
  const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
  const result = ensureElectron({
    projectDir,
    // A progress line only for a person watching; logs and CI get just the outcome.
    log: (line) => {
      if (process.stderr.isTTY) process.stderr.write(`${line}\n`)
    }
  })
  if (!result.ok) {
    process.stderr.write(`${result.message}\n`)
    process.exit(1)
  }
}
