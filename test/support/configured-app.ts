import type { TestingModuleBuilder } from '@nestjs/testing';

import type { TestApp } from './test-app';

/**
 * The test app under extra settings. Configuration is read when the app module is first
 * loaded, so the variables are set before that load: a spec using this must import the app
 * (and test-app.ts) only as types.
 */
export function startConfiguredApp(
  settings: Record<string, string>,
  customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<TestApp> {
  Object.assign(process.env, settings);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTestApp } = require('./test-app') as typeof import('./test-app');
  return startTestApp(customise);
}
