/** Test equipment of the security library (specs only). */
export { aVaultPerTest } from './vault-per-test';
export type { VaultFixture } from './vault-per-test';
