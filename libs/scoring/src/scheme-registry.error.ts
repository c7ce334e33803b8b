export type SchemeRegistryErrorCode = 'SCHEME_FROZEN' | 'SCHEME_CONFLICT' | 'SCHEME_NOT_FOUND';

export class SchemeRegistryError extends Error {
  constructor(
    readonly code: SchemeRegistryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SchemeRegistryError';
  }
}
