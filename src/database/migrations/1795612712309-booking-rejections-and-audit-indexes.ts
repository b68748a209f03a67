import { MigrationInterface, QueryRunner } from 'typeorm';

/** Refused booking requests (for `bookings_rejected`), and the indexes the audit filters walk. */
export class BookingRejectionsAndAuditIndexes1795612712309 implements MigrationInterface {
  name = 'BookingRejectionsAndAuditIndexes1795612712309';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "booking_rejections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reason" character varying(40) NOT NULL, "event_id" uuid, "user_id" uuid, "requested_tickets" integer, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "request_id" character varying(200), CONSTRAINT "PK_booking_rejections" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "booking_rejections_at_idx" ON "booking_rejections" ("at") `);
    await queryRunner.query(`CREATE INDEX "audit_entries_actor_at_idx" ON "audit_entries" ("actor_id", "at") `);
    await queryRunner.query(`CREATE INDEX "audit_entries_action_at_idx" ON "audit_entries" ("action", "at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."audit_entries_action_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entries_actor_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."booking_rejections_at_idx"`);
    await queryRunner.query(`DROP TABLE "booking_rejections"`);
  }
}
