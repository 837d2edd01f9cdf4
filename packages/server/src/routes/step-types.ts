import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { StepRegistry, StepType } from '@assay/engine';
import { StepTypeInfo } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { errors, json, security } from '../http/openapi';

/** A step type's `with` as JSON Schema: the input side (before defaults), anything zod cannot express left open. */
function describe(type: StepType): StepTypeInfo {
  let configSchema: Record<string, unknown>;
  try {
    configSchema = z.toJSONSchema(type.config, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    // A schema zod cannot render (e.g. a cycle it cannot name): the editor falls back to raw JSON.
    configSchema = { type: 'object' };
  }
  return {
    type: type.type,
    family: type.family,
    description: type.description,
    configSchema,
    ...(type.expressionKeys?.length ? { expressionKeys: [...type.expressionKeys] } : {}),
    // The editor reads references by these, as the engine infers dependencies by them.
    ...(type.verbatimKeys?.length ? { verbatimKeys: [...type.verbatimKeys] } : {}),
    ...(type.subgraphKey ? { subgraphKey: type.subgraphKey } : {}),
  };
}

/** Every registered step type, sorted by family then type (both alphabetically). */
export function describeStepTypes(registry: StepRegistry): StepTypeInfo[] {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return registry
    .list()
    .map(describe)
    .sort((a, b) => byName(a.family, b.family) || byName(a.type, b.type));
}

/** `GET /v1/step-types`: what the visual editor needs to offer and check step types. */
export function registerStepTypeRoutes(app: OpenAPIHono<AppEnv>, registry: StepRegistry) {
  // The registry is fixed for the process: its description is computed once, on first use.
  let described: StepTypeInfo[] | undefined;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/step-types',
      operationId: 'listStepTypes',
      tags: ['Workflows'],
      security,
      summary: "Every step type: family, description, its config's JSON Schema and which fields are JSONata",
      responses: { 200: json(z.object({ data: z.array(StepTypeInfo) }), 'Step types, by family then type'), ...errors },
    }),
    (c) => c.json({ data: (described ??= describeStepTypes(registry)) }, 200),
  );
}
