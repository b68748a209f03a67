import DataLoader from 'dataloader';
import { FindOptionsWhere, In, ObjectLiteral, Repository } from 'typeorm';

import { batchPerLoopPass, inKeyOrder } from './batch-per-loop-pass';

/**
 * Rows of `repository` by id, as committed now, one query per pass of the event loop however many
 * requests ask. One row serves every request that asked for it, so it is frozen: no caller can
 * change what the others see.
 */
export function frozenRowsById<T extends ObjectLiteral & { id: string }>(
  repository: Repository<T>,
): DataLoader<string, Readonly<T> | null> {
  return batchPerLoopPass(async (ids: readonly string[]) => {
    // TypeORM cannot see that a generic T with an id takes an id condition.
    const rows = await repository.findBy({ id: In([...ids]) } as FindOptionsWhere<T>);
    return inKeyOrder(
      ids,
      rows.map((row) => Object.freeze(row)),
      (row) => row.id,
    );
  });
}
