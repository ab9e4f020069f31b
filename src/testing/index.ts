/**
 * `j1-api-keys/testing`: a fake JupiterOne GraphQL API for tests, executing the same
 * schema as the SDK. Three faces over one core: msw handlers
 * ({@link createJupiterOneMock}), a loopback HTTP server ({@link startMockServer}) and the
 * transport-neutral core ({@link createFakeJ1}).
 *
 * msw is needed only by {@link createJupiterOneMock} (loaded when it is first called): the entry
 * itself, {@link startMockServer} and {@link createFakeJ1} work without msw installed.
 *
 * Nothing in the SDK's core imports this entry.
 * @packageDocumentation
 */
export { createJupiterOneMock, MSW_MISSING_MESSAGE, type JupiterOneMock, type JupiterOneMockOptions } from './msw.js';
export { startMockServer, type MockServer, type MockServerOptions } from './server.js';
export * from './fake/index.js';
