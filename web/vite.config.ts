import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
const shared = fileURLToPath(new URL('../shared', import.meta.url));
const backend = 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    alias: { '@shared': shared },
  },
  server: {
    proxy: { '/api': backend, '/healthz': backend },
    // shared/ lives outside the Vite root; allow the dev server to read it.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // antd alone is larger than the default warning threshold; vendor chunks keep app updates small.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom', 'react-router'],
          antd: ['antd', '@ant-design/icons'],
        },
      },
    },
  },
});
