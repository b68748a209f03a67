import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';

import { FieldErrors, ValidationFailedError } from '../errors/domain-errors';

const shared: ValidationPipeOptions = {
  whitelist: true,
  transform: true,
  stopAtFirstError: true,
  exceptionFactory: (errors) => new ValidationFailedError(fieldErrors(errors)),
};

/**
 * Bodies are strict (an unknown field is a 400), query strings lenient (unknown parameters are
 * ignored and kept in pagination links, as clients of the original API expect).
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  private readonly strict = new ValidationPipe({ ...shared, forbidNonWhitelisted: true });
  private readonly lenient = new ValidationPipe({ ...shared, forbidNonWhitelisted: false });

  transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // class-validator would validate each element of an array body; the API only takes objects.
    if (metadata.type === 'body' && metadata.metatype !== Object && !isPlainObject(value)) {
      throw new ValidationFailedError({ body: ['The request body must be a JSON object.'] });
    }
    return (metadata.type === 'body' ? this.strict : this.lenient).transform(value, metadata);
  }
}

/** `{field: [messages]}`, nested fields as `parent.child`. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) result[path] = Object.values(error.constraints);
    Object.assign(result, fieldErrors(error.children ?? [], path));
  }
  return result;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
