/**
 * `client.checkCompatibility()`: introspects the endpoint, validates every operation of
 * `operations/` against the live schema, and lists every difference between the live schema and
 * `schema.graphql` on the parts this SDK declares (issue 13). Loaded on first use: `graphql`'s
 * schema builder and validator cost nothing until a caller asks.
 * @packageDocumentation
 */
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { ServerError } from '../client/errors.js';
import * as generated from '../generated/graphql.js';
import { schemaSDL } from '../generated/schema.js';
import { schemaDrift } from './drift.js';
import type { CompatibilityProblem, CompatibilityReport } from './types.js';

/** The name of the introspection operation (as `getIntrospectionQuery()` names it). */
export const INTROSPECTION_OPERATION = 'IntrospectionQuery';

/** The introspection query this check sends (no descriptions: smaller answer, nothing we compare). */
export function introspectionQuery(): string {
  return getIntrospectionQuery({ descriptions: false });
}

let ours: GraphQLSchema | undefined;
/** `schema.graphql`, built once on first use. */
function ourSchema(): GraphQLSchema {
  return (ours ??= buildSchema(schemaSDL));
}

/** Every operation document of `operations/` (each with the fragments it spreads), by name. */
export function operationDocuments(): ReadonlyMap<string, DocumentNode> {
  const out = new Map<string, DocumentNode>();
  for (const [exportName, value] of Object.entries(generated)) {
    // The generated documents are their query text (codegen's `documentMode: string`).
    if (!exportName.endsWith('Document') || typeof value !== 'string') continue;
    const document = parse(value);
    for (const def of document.definitions) {
      if (def.kind === Kind.OPERATION_DEFINITION && def.name !== undefined) out.set(def.name.value, document);
    }
  }
  return out;
}

/** The report for a live schema: operations it refuses first, then schema differences. */
export function compareWithLive(live: GraphQLSchema): CompatibilityReport {
  const problems: CompatibilityProblem[] = [];
  for (const [operation, document] of operationDocuments()) {
    for (const error of validate(live, document)) problems.push({ operation, message: error.message });
  }
  for (const message of schemaDrift(ourSchema(), live, 'the live schema')) problems.push({ message });
  return Object.freeze({ compatible: problems.length === 0, problems: Object.freeze(problems.map((p) => Object.freeze(p))) });
}

/**
 * Builds the live schema from an introspection answer (`data` of the introspection query).
 * @throws ServerError when the answer is not a schema (introspection answered with something else)
 */
export function liveSchema(data: unknown): GraphQLSchema {
  const schemaField = typeof data === 'object' && data !== null ? (data as { __schema?: unknown }).__schema : undefined;
  if (typeof schemaField !== 'object' || schemaField === null) {
    throw new ServerError(`${INTROSPECTION_OPERATION} failed: malformed response from J1 (no __schema)`, {
      operationName: INTROSPECTION_OPERATION,
    });
  }
  try {
    return buildClientSchema(data as IntrospectionQuery, { assumeValid: false });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ServerError(`${INTROSPECTION_OPERATION} failed: J1's introspection answer is not a valid schema (${why})`, {
      operationName: INTROSPECTION_OPERATION,
      cause: error,
    });
  }
}

/**
 * The check: `introspect` sends the introspection query through the client (auth, deadline,
 * retries, error mapping) and resolves to its `data`.
 * @throws the client's typed errors when the endpoint cannot be introspected
 */
export async function checkCompatibility(introspect: (query: string) => Promise<unknown>): Promise<CompatibilityReport> {
  const data = await introspect(introspectionQuery());
  return compareWithLive(liveSchema(data));
}
