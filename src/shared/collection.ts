/** How the user picks files for a bulk import. */
export type BulkImportMode = 'files' | 'folder'

/** Extensions a bulk import reads (lower case, without the dot). */
export const BULK_IMPORT_EXTENSIONS: readonly string[] = ['txt', 'md', 'html', 'htm']

/** The files a bulk import will read, as chosen in the main process's dialog. */
export interface BulkImportSelection {
  /** Absolute paths, sorted; only these may be read with `readImportFile`. */
  paths: string[]
  /** Files in the chosen folder that were left out (other extensions). */
  ignoredCount: number
}

/** A text file the user saves (an export). */
export interface ExportFileRequest {
  /** Suggested file name, e.g. `quotedeck-cards.tsv`. */
  suggestedName: string
  text: string
}
