export { COMPONENT_FILES, expectedObjectHints, fileFor, README_FILE, renderApp, renderChart, validateApp } from './files';
export { toObjects } from './objects';
export { synthesize, writeAtomically } from './write';
export { declareAlternatives } from './duplicates';
