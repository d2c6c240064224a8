import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const api = process.env.ENVELOPPE_API ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': api, '/dev': api, '/.well-known': api, '/config.json': api } },
});
