#!/usr/bin/env node
// `npm run build`: builds the web app beside dist/web and then points dist/web at it,
// through tsx as bin/comptoir.js does (see src/server/web-build.ts).
import { register } from 'tsx/esm/api';

register();
const { buildWebApp } = await import('../src/server/web-build.ts');
await buildWebApp();
