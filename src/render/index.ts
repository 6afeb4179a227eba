export { COMPONENT_FILES, fileFor, renderApp, renderChart, validateApp } from './files';
export { synthesize, writeAtomically } from './write';
