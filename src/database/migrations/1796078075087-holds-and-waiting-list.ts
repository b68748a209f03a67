import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contract 5 and 6: holds and the waiting line, each event's `hold_seconds` (existing events get
 * the default 600), and audit entries that can name a hold or a waiting-list entry.
 */
export class HoldsAndWaitingList1796078075087 implements MigrationInterface {
  name = 'HoldsAndWaitingList1796078075087';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "holds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "user_id" uuid NOT NULL, "number_of_tickets" integer NOT NULL, "status" character varying(16) NOT NULL, "source" character varying(16) NOT NULL, "total_amount" numeric(16,2) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, "booking_id" uuid, CONSTRAINT "holds_source_known" CHECK (source IN ('direct', 'waitlist')), CONSTRAINT "holds_status_known" CHECK (status IN ('active', 'confirmed', 'released', 'expired', 'cancelled')), CONSTRAINT "holds_tickets_positive" CHECK (number_of_tickets >= 1), CONSTRAINT "PK_a8a21700a256e0267fb43f4f7ae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_53effc63f5d77f40c424882497" ON "holds" ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f891bfe80303f9093bb5b86f91" ON "holds" ("user_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "holds_overdue_idx" ON "holds" ("expires_at") WHERE status = 'active'`);
    await queryRunner.query(`CREATE INDEX "holds_active_expiry_idx" ON "holds" ("event_id", "expires_at") WHERE status = 'active'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "holds_one_active_per_user_idx" ON "holds" ("event_id", "user_id") WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE TABLE "waitlist_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "user_id" uuid NOT NULL, "number_of_tickets" integer NOT NULL, "status" character varying(16) NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "hold_id" uuid, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "waitlist_entries_status_known" CHECK (status IN ('waiting', 'offered', 'converted', 'declined', 'expired', 'left', 'cancelled')), CONSTRAINT "waitlist_entries_tickets_positive" CHECK (number_of_tickets >= 1), CONSTRAINT "PK_bd0ef66fff81d3be7b7a1568a4d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2976b6f869916c13f046d19806" ON "waitlist_entries" ("hold_id") `);
    await queryRunner.query(
      `CREATE INDEX "waitlist_entries_line_idx" ON "waitlist_entries" ("event_id", "joined_at", "id") WHERE status = 'waiting'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "waitlist_entries_one_per_user_idx" ON "waitlist_entries" ("event_id", "user_id") WHERE status IN ('waiting', 'offered')`,
    );
    await queryRunner.query(`ALTER TABLE "audit_entries" ADD "hold_id" uuid`);
    await queryRunner.query(`ALTER TABLE "audit_entries" ADD "waitlist_entry_id" uuid`);
    await queryRunner.query(`ALTER TABLE "events" ADD "hold_seconds" integer NOT NULL DEFAULT '600'`);
    await queryRunner.query(`CREATE INDEX "IDX_42f74614ba916a46fe9fba94be" ON "audit_entries" ("hold_id") `);
    await queryRunner.query(`ALTER TABLE "events" ADD CONSTRAINT "events_hold_seconds_range" CHECK (hold_seconds BETWEEN 60 AND 86400)`);
    await queryRunner.query(
      `ALTER TABLE "holds" ADD CONSTRAINT "FK_5d31ba288656b37f2fade03e929" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "holds" ADD CONSTRAINT "FK_396a8589674ac6f0d4f78638162" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "holds" ADD CONSTRAINT "FK_360edc289b2940b3edf01d7a396" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "waitlist_entries" ADD CONSTRAINT "FK_b6dd23d94ea644df6ad968b2735" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "waitlist_entries" ADD CONSTRAINT "FK_accc0d911773551b2eed1a2ed72" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "waitlist_entries" ADD CONSTRAINT "FK_2976b6f869916c13f046d198061" FOREIGN KEY ("hold_id") REFERENCES "holds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "waitlist_entries" DROP CONSTRAINT "FK_2976b6f869916c13f046d198061"`);
    await queryRunner.query(`ALTER TABLE "waitlist_entries" DROP CONSTRAINT "FK_accc0d911773551b2eed1a2ed72"`);
    await queryRunner.query(`ALTER TABLE "waitlist_entries" DROP CONSTRAINT "FK_b6dd23d94ea644df6ad968b2735"`);
    await queryRunner.query(`ALTER TABLE "holds" DROP CONSTRAINT "FK_360edc289b2940b3edf01d7a396"`);
    await queryRunner.query(`ALTER TABLE "holds" DROP CONSTRAINT "FK_396a8589674ac6f0d4f78638162"`);
    await queryRunner.query(`ALTER TABLE "holds" DROP CONSTRAINT "FK_5d31ba288656b37f2fade03e929"`);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "events_hold_seconds_range"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_42f74614ba916a46fe9fba94be"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "hold_seconds"`);
    await queryRunner.query(`ALTER TABLE "audit_entries" DROP COLUMN "waitlist_entry_id"`);
    await queryRunner.query(`ALTER TABLE "audit_entries" DROP COLUMN "hold_id"`);
    await queryRunner.query(`DROP INDEX "public"."waitlist_entries_one_per_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."waitlist_entries_line_idx"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2976b6f869916c13f046d19806"`);
    await queryRunner.query(`DROP TABLE "waitlist_entries"`);
    await queryRunner.query(`DROP INDEX "public"."holds_one_active_per_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."holds_active_expiry_idx"`);
    await queryRunner.query(`DROP INDEX "public"."holds_overdue_idx"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f891bfe80303f9093bb5b86f91"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_53effc63f5d77f40c424882497"`);
    await queryRunner.query(`DROP TABLE "holds"`);
  }
}
