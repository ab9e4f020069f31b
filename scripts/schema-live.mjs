// `npm run schema:live` (maintainers): introspects the J1 endpoint, validates every operation in
// operations/ against the live schema, and prints every difference between the live schema and
// schema.graphql on the parts we declare (issue 13). Exit 0 when there is none, 1 when there is
// any, 2 when J1 cannot be asked (configuration, network, key).
// Needs JUPITERONE_API_KEY and JUPITERONE_ACCOUNT_ID (JUPITERONE_REGION / JUPITERONE_BASE_URL
// choose the endpoint, as for the SDK). Runs the sources through tsx: no build needed.
import { createClient, JupiterOneError } from '../src/index.ts';

let client;
let report;
try {
  client = createClient({ userAgent: 'j1-api-keys-schema-live' });
  report = await client.checkCompatibility({ timeoutMs: 60_000 });
} catch (error) {
  const message = error instanceof JupiterOneError ? `${error.code}: ${error.message}` : String(error);
  console.error(`schema:live: cannot check ${client?.endpoint ?? 'the endpoint'}: ${message}`);
  process.exit(2);
}
for (const problem of report.problems) {
  console.log(problem.operation === undefined ? problem.message : `${problem.operation}: ${problem.message}`);
}
if (report.compatible) {
  console.log(`schema:live: ${client.endpoint} matches schema.graphql; every operation validates`);
} else {
  console.error(`schema:live: ${report.problems.length} difference(s) between ${client.endpoint} and schema.graphql`);
  process.exit(1);
}
