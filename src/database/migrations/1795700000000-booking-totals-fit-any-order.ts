import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The largest order the API accepts (1,000,000 tickets at 99,999,999.99) totals 14 digits before
 * the point; numeric(12,2) made such a booking fail with a numeric overflow (500). Widening the
 * precision of a numeric keeps the stored values as they are, so PostgreSQL does not rewrite the table.
 */
export class BookingTotalsFitAnyOrder1795700000000 implements MigrationInterface {
  name = 'BookingTotalsFitAnyOrder1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bookings" ALTER COLUMN "total_amount" TYPE numeric(16,2)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bookings" ALTER COLUMN "total_amount" TYPE numeric(12,2)`);
  }
}
