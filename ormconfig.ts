// `npm run migration:*` (TypeScript, through ts-node); the compiled build uses dist/database/cli-data-source.js.
export { default } from './src/database/cli-data-source';
