import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// Built into dist/web, which the API serves at / (apps/ledger-api/src/web/web.module.ts).
export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: `${here}../../dist/web`,
    emptyOutDir: true,
    // No inline module preload polyfill: the Content-Security-Policy allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '^/(complaints|reports|projections|policies|health|me|docs)': 'http://localhost:3000' } },
});
