/**
 * A response serializer for the read routes that run on every keystroke or
 * page: fast-json-stringify compiled from the JSON Schema of the route's
 * Zod response schema. The default serializer checks the whole response
 * against the Zod schema before `JSON.stringify`. For a page of 50 contacts
 * it took 0.49 ms and this one 0.14 ms, in a one-off measurement on the
 * benchmark machine under load. This one writes the same JSON and keeps the
 * guarantees on shape: only declared properties are written, and a missing
 * required property fails. It does not check values against enums or
 * formats.
 */
import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/** Compiles the serializer of a Zod response schema, at start. Throws for a schema that JSON Schema cannot express. */
export function fastSerializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  const json = z.toJSONSchema(schema as z.ZodType, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
  return fastJson(json as Parameters<typeof fastJson>[0]);
}
