/**
 * Options files: the plain-data form of `ArgoWorkflowsProps` and its conversion (pure; reading the
 * file is `src/cli/options-file.ts`).
 */
export { convertOptions, convertVariant, filePaths, optionsFromData, pathSteps } from './convert';
export type { ConvertedForm } from './convert';
export { formsOf, VARIANT_OPTIONS, VARIANTS, writtenAsName } from './variants';
export type { FormArgument, VariantForm, VariantName } from './variants';
