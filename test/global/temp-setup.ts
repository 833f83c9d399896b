// jest globalSetup: see temp-guard.ts.
export { setup as default } from './temp-guard';
