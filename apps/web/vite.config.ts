import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The gateway serves `dist` at `/`, on the same origin as the API. In development the dev
// server forwards API calls to a gateway on its default port.
export default defineConfig({
  plugins: [react()],
  // Workspace packages resolve to their TypeScript sources, as everywhere in the repository.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:8080', '/api': 'http://127.0.0.1:8080' },
  },
});
