/**
 * The base of every union-like option class (`Credentials`, `ArtifactRepository`, and the other
 * variants with static factories and a private constructor). Options must be plain data; instances
 * of these classes are the one exception, and the plain-data check recognises them by this base.
 */
export abstract class OptionVariant {
  protected constructor() {}
}
