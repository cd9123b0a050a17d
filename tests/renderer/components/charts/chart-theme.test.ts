/* eslint-disable vue/one-component-per-file -- stand-in charts and the views holding them */
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import {
  SERIES_COLOURS,
  useChartTheme
} from '../../../../src/renderer/src/components/charts/chart-theme'

/** A stand-in chart that shows whether its theme is dark. */
const ThemedChart = defineComponent({
  setup() {
    const theme = useChartTheme()
    return () =>
      h('p', { 'data-dark': theme.value === null ? 'unread' : theme.value.dark ? 'yes' : 'no' })
  }
})

/** Colours resolved per reading of the theme: the series and four page colours. */
const COLOURS_PER_READING = Object.keys(SERIES_COLOURS).length + 4

afterEach(() => {
  document.documentElement.removeAttribute('data-theme')
  vi.restoreAllMocks()
})

describe('useChartTheme', () => {
  it('ten charts mounted together read the theme once, not once each', () => {
    const styles = vi.spyOn(window, 'getComputedStyle')
    const wrapper = mount(
      defineComponent({ render: () => Array.from({ length: 10 }, () => h(ThemedChart)) })
    )
    expect(styles).toHaveBeenCalledTimes(COLOURS_PER_READING)
    expect(wrapper.findAll('[data-dark="no"]')).toHaveLength(10)
    wrapper.unmount()
  })

  it('gives the theme at setup, so the chart is drawn in the first render', () => {
    const wrapper = mount(ThemedChart)
    expect(wrapper.find('[data-dark]').exists()).toBe(true)
    expect(wrapper.find('[data-dark]').attributes('data-dark')).toBe('no')
    wrapper.unmount()
  })

  it('re-reads once for every chart when data-theme changes', async () => {
    const wrapper = mount(
      defineComponent({ render: () => [h(ThemedChart), h(ThemedChart), h(ThemedChart)] })
    )
    const styles = vi.spyOn(window, 'getComputedStyle')
    document.documentElement.setAttribute('data-theme', 'dark')
    await vi.waitFor(() => expect(wrapper.findAll('[data-dark="yes"]')).toHaveLength(3))
    expect(styles).toHaveBeenCalledTimes(COLOURS_PER_READING)
    wrapper.unmount()
  })

  it('reads afresh after every chart has gone (a change then was not watched)', async () => {
    const first = mount(ThemedChart)
    first.unmount()
    document.documentElement.setAttribute('data-theme', 'dark')
    await nextTick()
    const second = mount(ThemedChart)
    expect(second.find('[data-dark]').attributes('data-dark')).toBe('yes')
    second.unmount()
  })
})
