import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA lives in src/client and is built into dist/client, which the Node server serves.
export default defineConfig({
  root: 'src/client',
  publicDir: '../../public',
  plugins: [react(), tailwindcss()],
  // No source maps in the build: the server would publish the client's source with them.
  build: { outDir: '../../dist/client', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 900 },
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: 'http://localhost:3000', changeOrigin: false },
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
      '/health': 'http://localhost:3000',
    },
  },
});
