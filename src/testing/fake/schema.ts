/**
 * Builds the executable schema of the fake from the generated `schemaSDL`.
 * @packageDocumentation
 */
import { buildSchema, type GraphQLSchema } from 'graphql';
import { schemaSDL } from '../../generated/schema.js';
import { installScalars } from './scalars.js';

/** A fresh schema built from `sdl` (default: `schemaSDL`) with the `Long` and `JSON` scalars installed. */
export function buildFakeSchema(sdl: string = schemaSDL): GraphQLSchema {
  const schema = buildSchema(sdl);
  installScalars(schema);
  return schema;
}
