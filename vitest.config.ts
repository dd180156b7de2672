import { defineConfig } from 'vitest/config';
import { localeParts } from './build/localeParts';

export default defineConfig({
  plugins: [localeParts()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'build/**/*.test.ts'],
    environment: 'node',
  },
});
