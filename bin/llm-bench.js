#!/usr/bin/env node
// Node >= 22.18 runs the TypeScript sources directly (type stripping); the project's own
// devDependency `node@24` puts such a Node first on PATH for npm scripts and npx.
import '../src/cli/main.ts';
