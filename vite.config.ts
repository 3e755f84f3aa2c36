/** Builds the web app (src/web) into dist/web, which the server serves; `vite` alone runs a dev server proxying /api. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Nothing inline: the server's Content-Security-Policy allows scripts from 'self' only.
    assetsInlineLimit: 0,
    // React, Mantine and zod (the shared contracts' constants) make a ~700 kB vendor chunk (~210 kB gzip).
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays cached across releases.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
