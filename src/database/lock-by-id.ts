import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The row with this id, locked FOR UPDATE (`pessimistic_write`) until the transaction ends.
 * A bare row (no joins), since PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
 */
export function lockById<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, id: string): Promise<T | null> {
  return manager.getRepository(entity).createQueryBuilder('row').setLock('pessimistic_write').where('row.id = :id', { id }).getOne();
}
