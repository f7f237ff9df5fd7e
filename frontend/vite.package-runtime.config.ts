// Vite build of the package runtime: dist/package-runtime/player.js, the script of the SCORM / cmi5
// player page on the content origin (src/package-runtime/). Its name is fixed because the backend's
// player template names it; `npm run build` runs this after the SPA's build (vite.config.ts).
import { fileURLToPath, URL } from 'node:url';

import { defineConfig } from 'vite';

export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  // The SPA's public/ files belong to the SPA's build only.
  publicDir: false,
  build: {
    outDir: 'dist/package-runtime',
    // Only this folder: the SPA's build has just written the rest of dist/.
    emptyOutDir: true,
    sourcemap: false,
    manifest: false,
    lib: {
      entry: fileURLToPath(new URL('./src/package-runtime/main.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'player.js',
    },
    rollupOptions: {
      output: {
        // The standard's API (SCORM 1.2 or 2004) loads beside player.js, only the one in use.
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
});
