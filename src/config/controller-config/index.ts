/**
 * Argo v4.1.2's controller configuration (`workflow-controller-configmap`): the one definition of
 * its key tree with the doc text of every key (`definition.ts` and the `_definition-*` parts), the
 * TypeScript types derived from it (`types.ts`), the runtime check (`schema.ts`) and the rendering
 * to ConfigMap data (`render.ts`).
 */
export type * from './types';
export { ARTIFACT_REPOSITORY, CONTAINER, CONTROLLER_CONFIG, CONTROLLER_CONFIG_KEYS, GO_DURATION_PATTERN, SECRET_KEY_SELECTOR, TTL_PATTERN, checkShape, validateControllerConfig } from './schema';
export type { Shape } from './schema';
export { parseConfigMapData, prune, renderConfigMapData, renderYaml } from './render';
