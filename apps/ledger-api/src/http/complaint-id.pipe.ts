import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidRequest } from '../application/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A complaint id in a path is a UUID; anything else is a 400 naming the parameter. */
@Injectable()
export class ComplaintIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new InvalidRequest([{ field: 'id', reason: 'must be a complaint id (UUID)' }]);
    return value.toLowerCase();
  }
}
