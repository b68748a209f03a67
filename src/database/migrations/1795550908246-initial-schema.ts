import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795550908246 implements MigrationInterface {
  name = 'InitialSchema1795550908246';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action" character varying(40) NOT NULL, "actor_id" uuid, "booking_id" uuid, "event_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "request_id" character varying(200), CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_eca13b88b8fd158ebfb400c034" ON "audit_entries" ("booking_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_783dda27ea9248a90cddb3228e" ON "audit_entries" ("event_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_3779799fdec4f8efa579812bd3" ON "audit_entries" ("at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(150) NOT NULL, "email" character varying(254), "password_hash" text NOT NULL, "is_staff" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "key_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41e9ddfbb32da18c4e85e45c2fd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9691367d446cd8b18f462c191b" ON "auth_tokens" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_21db60c1af801327eb7be16744" ON "auth_tokens" ("key_hash") `);
    await queryRunner.query(
      `CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "venue" character varying(200) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "capacity" integer NOT NULL, "available_tickets" integer NOT NULL, "price" numeric(10,2) NOT NULL, "max_tickets_per_booking" integer, "status" character varying(16) NOT NULL DEFAULT 'scheduled', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "events_status_known" CHECK (status IN ('scheduled', 'cancelled')), CONSTRAINT "events_max_tickets_positive" CHECK (max_tickets_per_booking IS NULL OR max_tickets_per_booking >= 1), CONSTRAINT "events_price_not_negative" CHECK (price >= 0), CONSTRAINT "events_available_within_capacity" CHECK (available_tickets >= 0 AND available_tickets <= capacity), CONSTRAINT "events_capacity_positive" CHECK (capacity >= 1), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b760e4801c1bd69ba8b2d820ca" ON "events" ("starts_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "bookings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "event_id" uuid NOT NULL, "number_of_tickets" integer NOT NULL, "status" character varying(16) NOT NULL, "total_amount" numeric(12,2) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "bookings_status_known" CHECK (status IN ('confirmed', 'cancelled')), CONSTRAINT "bookings_tickets_positive" CHECK (number_of_tickets >= 1), CONSTRAINT "PK_bee6805982cc1e248e94ce94957" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8e190909d4c02d9d54812a8ad3" ON "bookings" ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_2917869bb47731126f4b3ce95d" ON "bookings" ("event_id", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_46b93defd4733ca86e2cc75d24" ON "bookings" ("user_id", "created_at", "id") `);
    await queryRunner.query(
      `ALTER TABLE "auth_tokens" ADD CONSTRAINT "FK_9691367d446cd8b18f462c191b3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_64cd97487c5c42806458ab5520c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_976c0fe23c870f914acd2378e4e" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Case-insensitive uniqueness cannot be declared on the entity, so it lives here only.
    await queryRunner.query(`CREATE UNIQUE INDEX "users_username_lower_key" ON "users" (lower("username"))`);
    // Browser sessions (connect-pg-simple's table), so they survive restarts and are shared by instances.
    await queryRunner.query(
      `CREATE TABLE "http_sessions" ("sid" character varying NOT NULL, "sess" json NOT NULL, "expire" TIMESTAMP(6) NOT NULL, CONSTRAINT "http_sessions_pkey" PRIMARY KEY ("sid"))`,
    );
    await queryRunner.query(`CREATE INDEX "http_sessions_expire_idx" ON "http_sessions" ("expire")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "http_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."users_username_lower_key"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_976c0fe23c870f914acd2378e4e"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_64cd97487c5c42806458ab5520c"`);
    await queryRunner.query(`ALTER TABLE "auth_tokens" DROP CONSTRAINT "FK_9691367d446cd8b18f462c191b3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_46b93defd4733ca86e2cc75d24"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2917869bb47731126f4b3ce95d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8e190909d4c02d9d54812a8ad3"`);
    await queryRunner.query(`DROP TABLE "bookings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b760e4801c1bd69ba8b2d820ca"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_21db60c1af801327eb7be16744"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9691367d446cd8b18f462c191b"`);
    await queryRunner.query(`DROP TABLE "auth_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3779799fdec4f8efa579812bd3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_783dda27ea9248a90cddb3228e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_eca13b88b8fd158ebfb400c034"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
  }
}
