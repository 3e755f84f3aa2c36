#!/usr/bin/env node
// The `readyroom` command. TypeScript runs through tsx (see docs/adr/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
