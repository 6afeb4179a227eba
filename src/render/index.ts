export { COMPONENT_FILES, fileFor, renderApp, renderChart, validateApp } from './files';
export { toObjects } from './objects';
export { synthesize, writeAtomically } from './write';
export { declareAlternatives } from './duplicates';
