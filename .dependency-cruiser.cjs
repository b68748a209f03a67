// The layers of src/ (docs/architecture.md), kept by `npm run lint`. An arrow only points down:
// composition -> features -> inventory (the one owner of seats) -> ground.
const GROUND = '^src/(schema|database|common|config|metrics)/';
const INVENTORY = '^src/inventory/';
const FEATURES = '^src/(bookings|holds|waitlist|events|users|auth|analytics|audit|rate-limits|health)/';
const COMPOSITION = '^src/([^/]+\\.ts$|cli/|observability/|admin-dashboard/)';

module.exports = {
  forbidden: [
    {
      name: 'no-file-cycles',
      comment: 'Files import one another one way only.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'Top-level folders depend on one another one way only (a folder and its subfolders are one module).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/([^/]+)' },
      to: { circular: true, pathNot: '^src/$1(/|$)' },
    },
    {
      name: 'ground-imports-nothing-above',
      comment: 'schema, database, common, config and metrics import only each other.',
      severity: 'error',
      from: { path: GROUND },
      to: { path: `${INVENTORY}|${FEATURES}|${COMPOSITION}` },
    },
    {
      name: 'schema-imports-only-schema',
      comment: 'Entities know only entities, so every layer may import them.',
      severity: 'error',
      from: { path: '^src/schema/' },
      to: { path: '^src/', pathNot: '^src/schema/' },
    },
    {
      name: 'database-imports-no-table',
      comment: 'The database layer is given the entities by the composition root.',
      severity: 'error',
      from: { path: '^src/database/' },
      to: { path: '^src/schema/' },
    },
    {
      name: 'inventory-imports-no-feature',
      comment: 'The owner of seats calls nothing back: features are its clients.',
      severity: 'error',
      from: { path: INVENTORY },
      to: { path: `${FEATURES}|${COMPOSITION}` },
    },
    {
      name: 'features-import-no-composition',
      severity: 'error',
      from: { path: FEATURES },
      to: { path: COMPOSITION },
    },
    {
      name: 'inventory-through-its-public-file',
      comment: 'Clients use src/inventory/index.ts; what is behind it may change freely.',
      severity: 'error',
      from: { path: '^src/', pathNot: INVENTORY },
      to: { path: INVENTORY, pathNot: '^src/inventory/index\\.ts$' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
