import { UserEntity } from '../../schema/user.entity';

/**
 * Whether `caller` may see a user's row (a booking, a hold, a waiting-list entry): its owner or
 * staff. To anyone else it does not exist: they get the same 404 as for an unknown id.
 */
export function visibleTo<Row extends { userId: string }>(row: Row | null, caller: Pick<UserEntity, 'id' | 'isStaff'>): row is Row {
  return row !== null && (row.userId === caller.id || caller.isStaff);
}
