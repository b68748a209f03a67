// `npm run migration:*` (TypeScript, through ts-node); the compiled build uses dist/cli/migrations-data-source.js.
export { default } from './src/cli/migrations-data-source';
