import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

import { DomainError } from '../errors/domain-errors';

/** A malformed id names nothing, so it is answered as the resource's "not found" (contract: Conventions). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly notFound: () => DomainError) {}

  transform(value: string): string {
    if (!isUUID(value)) throw this.notFound();
    return value;
  }
}
