import { defineConfig } from 'eslint/config'
import tseslint from '@electron-toolkit/eslint-config-ts'
import eslintConfigPrettier from '@electron-toolkit/eslint-config-prettier'
import eslintPluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'

export default defineConfig(
  { ignores: ['**/node_modules', '**/dist', '**/out'] },
  tseslint.configs.recommended,
  eslintPluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        ecmaFeatures: { jsx: true },
        extraFileExtensions: ['.vue'],
        parser: tseslint.parser
      }
    }
  },
  {
    files: ['**/*.{ts,mts,tsx,vue}'],
    rules: {
      'vue/require-default-prop': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/block-lang': ['error', { script: { lang: 'ts' } }]
    }
  },
  {
    // The pure domain never reaches for a framework, a database or the platform.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'src/core is pure: no electron.' },
            {
              group: ['vue', 'pinia', 'vue-router'],
              message: 'src/core is pure: no UI framework.'
            },
            { group: ['dexie', 'dexie/*'], message: 'src/core is pure: no database.' },
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto'],
              message: 'src/core is pure: no node.'
            }
          ]
        }
      ]
    }
  },
  { files: ['**/*.mjs'], rules: { '@typescript-eslint/explicit-function-return-type': 'off' } },
  eslintConfigPrettier
)
