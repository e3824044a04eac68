/**
 * The subset of JSON Schema our document schemas use. Declared here rather than imported from rxdb so that
 * sync/model stays free of runtime dependencies; RxDB and ajv both accept these objects as they are.
 */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  default?: unknown;
  description?: string;
}

/** A document schema as RxDB expects it (RxJsonSchema), with the RxDB-specific keys. */
export interface DocumentSchema extends JsonSchema {
  title: string;
  version: number;
  primaryKey: string;
  type: 'object';
  properties: Readonly<Record<string, JsonSchema>>;
  required: readonly string[];
  indexes?: readonly (string | readonly string[])[];
}
