/** The Mantine theme: system fonts only (nothing from a CDN) and colours dark enough for WCAG AA. */
import { createTheme, type CSSVariablesResolver } from '@mantine/core';

const SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  respectReducedMotion: true,
  fontFamily: SYSTEM_FONTS,
  headings: { fontFamily: SYSTEM_FONTS },
});

/**
 * Mantine's "light" variants put shade 9 on shade 1 and its dimmed text is gray 6: both under
 * 4.5:1, as are field errors in red 6. These text colours reach at least 5:1 on their backgrounds.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Field errors (red 6 by default, 3.3:1) in red 9, 5.5:1 on white.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-blue-light-color': '#0b4f8f',
    '--mantine-color-green-light-color': '#1f5f2c',
    '--mantine-color-red-light-color': '#a51d1d',
    '--mantine-color-orange-light-color': '#8a3b00',
    '--mantine-color-gray-light-color': '#343a40',
    '--mantine-primary-color-light-color': '#0b4f8f',
  },
  dark: {},
});
