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
        // Markdown rendering and line diffs (plans pages) go in their own chunk, keeping vendor under the limit.
        codeSplitting: {
          groups: [
            { name: 'text', test: /node_modules[\\/](marked|dompurify|diff)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
