/**
 * `j1-api-keys/testing`: a fake JupiterOne GraphQL API for tests, executing the same
 * schema as the SDK. Three faces over one core: msw handlers
 * ({@link createJupiterOneMock}), a loopback HTTP server ({@link startMockServer}) and the
 * transport-neutral core ({@link createFakeJ1}).
 *
 * Nothing in the SDK's core imports this entry.
 * @packageDocumentation
 */
export { createJupiterOneMock, type JupiterOneMock, type JupiterOneMockOptions } from './msw.js';
export { startMockServer, type MockServer, type MockServerOptions } from './server.js';
export * from './fake/index.js';
