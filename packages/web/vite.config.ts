import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by Assay itself at `/` (from dist/); `npm run dev -w @assay/web` proxies the API
// to a local `assay serve` so the editor can be worked on with hot reload.
export default defineConfig({
  plugins: [react()],
  // The workspace packages it imports (schema, sdk) are read from their TypeScript sources.
  resolve: { conditions: ['@assay/source', ...defaultClientConditions] },
  // The manifest lets the bench find each chunk's size.
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080', '/webhooks': 'http://127.0.0.1:8080' } },
});
