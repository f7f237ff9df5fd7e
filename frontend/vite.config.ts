/// <reference types="vitest/config" />
// Vite build, dev server and Vitest configuration for the ICIM Academy SPA.
import { fileURLToPath, URL } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The Django development server: `PORT=9000 make run` serves on 9000.
const DJANGO_DEV_SERVER = `http://127.0.0.1:${process.env.PORT ?? '8000'}`;
// Everything Django answers itself; every other path is an SPA route served by Vite.
const BACKEND_PATHS = [
  '/api',
  '/healthz',
  '/admin',
  '/.well-known',
  '/media',
  '/static',
  '/robots.txt',
];

export default defineConfig(({ command }) => ({
  // Django serves dist/ under /static/ in production; the dev server runs at the root so that
  // SPA routes such as /login work there too.
  base: command === 'build' ? '/static/' : '/',
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Django serves dist/ publicly: keep source maps out of it.
    sourcemap: false,
    // dist/.vite/manifest.json: Django names each route's chunks in the page it serves
    // (config/spa.py), so the browser fetches them with the entry script (collectstatic skips it).
    manifest: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(
      BACKEND_PATHS.map((path) => [path, { target: DJANGO_DEV_SERVER, changeOrigin: false }]),
    ),
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    css: false,
    // Longer than Testing Library's wait for a state (src/testing/setup.ts), so that a test that
    // fails says which state never came rather than that the test took too long.
    testTimeout: 60_000,
  },
}));
