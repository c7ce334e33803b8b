/** Jest in native ESM mode (NestJS 12 is ESM-only); swc transforms TS with decorator metadata. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};
export default {
  rootDir: '.',
  testEnvironment: 'node',
  // Integration and e2e files set up real databases and hash passwords (argon2) on a 2-core machine
  // that runs several files at once; 5 s is too tight for a beforeAll there. Waits inside tests use
  // waitFor with their own deadlines.
  testTimeout: 30_000,
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@duban/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/bench/'],
};
