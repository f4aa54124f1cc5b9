CREATE TABLE "voucher_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"applicant_user_id" uuid,
	"enterprise_size" text NOT NULL,
	"township_org_id" uuid,
	"service_category" text NOT NULL,
	"provider_org_id" uuid,
	"service_description" text NOT NULL,
	"requested_fen" bigint NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_blacklist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid
);
--> statement-breakpoint
CREATE TABLE "voucher_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"voucher_id" uuid,
	"redemption_id" uuid,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_entries_idempotencyKey_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "voucher_entries_kind" CHECK ("voucher_entries"."kind" IN ('allocate', 'reserve', 'release', 'redeem', 'pay')),
	CONSTRAINT "voucher_entries_amount_positive" CHECK ("voucher_entries"."amount_fen" > 0),
	CONSTRAINT "voucher_entries_voucher" CHECK (("voucher_entries"."kind" = 'allocate') = ("voucher_entries"."voucher_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "voucher_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"eligibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"service_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"provider_org_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"coverage_bp" integer NOT NULL,
	"yearly_cap_fen" bigint NOT NULL,
	"face_values_fen" bigint[] NOT NULL,
	"validity_days" integer NOT NULL,
	"redeemer" text NOT NULL,
	"allocated_fen" bigint DEFAULT 0 NOT NULL,
	"reserved_fen" bigint DEFAULT 0 NOT NULL,
	"released_fen" bigint DEFAULT 0 NOT NULL,
	"redeemed_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_programmes_coverage" CHECK ("voucher_programmes"."coverage_bp" BETWEEN 1 AND 10000),
	CONSTRAINT "voucher_programmes_redeemer" CHECK ("voucher_programmes"."redeemer" IN ('provider', 'enterprise')),
	CONSTRAINT "voucher_programmes_within_budget" CHECK ("voucher_programmes"."reserved_fen" - "voucher_programmes"."released_fen" <= "voucher_programmes"."allocated_fen"),
	CONSTRAINT "voucher_programmes_redeemed_reserved" CHECK ("voucher_programmes"."redeemed_fen" + "voucher_programmes"."released_fen" <= "voucher_programmes"."reserved_fen"),
	CONSTRAINT "voucher_programmes_paid_redeemed" CHECK ("voucher_programmes"."paid_fen" <= "voucher_programmes"."redeemed_fen"),
	CONSTRAINT "voucher_programmes_nonnegative" CHECK ("voucher_programmes"."allocated_fen" >= 0 AND "voucher_programmes"."released_fen" >= 0 AND "voucher_programmes"."paid_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "voucher_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"voucher_id" uuid NOT NULL,
	"submitter_org_id" uuid NOT NULL,
	"submitter_user_id" uuid,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"provider_org_id" uuid NOT NULL,
	"service_category" text NOT NULL,
	"service_id" uuid,
	"contract_no" text NOT NULL,
	"service_price_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"service_start" date NOT NULL,
	"service_end" date NOT NULL,
	"contract_file_id" uuid NOT NULL,
	"invoice_file_id" uuid NOT NULL,
	"own_share_proof_file_id" uuid NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"payment_reference" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_redemptions_amount" CHECK ("voucher_redemptions"."amount_fen" > 0 AND "voucher_redemptions"."amount_fen" <= "voucher_redemptions"."service_price_fen")
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"programme_id" uuid NOT NULL,
	"application_id" uuid,
	"organisation_id" uuid NOT NULL,
	"face_value_fen" bigint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"void_reason" text,
	"reserved_fen" bigint DEFAULT 0 NOT NULL,
	"released_fen" bigint DEFAULT 0 NOT NULL,
	"redeemed_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vouchers_code_unique" UNIQUE("code"),
	CONSTRAINT "vouchers_face_positive" CHECK ("vouchers"."face_value_fen" > 0),
	CONSTRAINT "vouchers_reserved_face" CHECK ("vouchers"."reserved_fen" <= "vouchers"."face_value_fen"),
	CONSTRAINT "vouchers_within_value" CHECK ("vouchers"."redeemed_fen" + "vouchers"."released_fen" <= "vouchers"."reserved_fen"),
	CONSTRAINT "vouchers_paid_redeemed" CHECK ("vouchers"."paid_fen" <= "vouchers"."redeemed_fen")
);
--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_township_org_id_organisations_id_fk" FOREIGN KEY ("township_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_provider_org_id_organisations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_blacklist" ADD CONSTRAINT "voucher_blacklist_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_blacklist" ADD CONSTRAINT "voucher_blacklist_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_blacklist" ADD CONSTRAINT "voucher_blacklist_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_entries" ADD CONSTRAINT "voucher_entries_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_entries" ADD CONSTRAINT "voucher_entries_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_entries" ADD CONSTRAINT "voucher_entries_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_programmes" ADD CONSTRAINT "voucher_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_redemptions" ADD CONSTRAINT "voucher_redemptions_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_redemptions" ADD CONSTRAINT "voucher_redemptions_submitter_org_id_organisations_id_fk" FOREIGN KEY ("submitter_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_redemptions" ADD CONSTRAINT "voucher_redemptions_submitter_user_id_users_id_fk" FOREIGN KEY ("submitter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_redemptions" ADD CONSTRAINT "voucher_redemptions_provider_org_id_organisations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_redemptions" ADD CONSTRAINT "voucher_redemptions_contract_file_id_files_id_fk" FOREIGN KEY ("contract_file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_redemptions" ADD CONSTRAINT "voucher_redemptions_invoice_file_id_files_id_fk" FOREIGN KEY ("invoice_file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_redemptions" ADD CONSTRAINT "voucher_redemptions_own_share_proof_file_id_files_id_fk" FOREIGN KEY ("own_share_proof_file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_redemptions" ADD CONSTRAINT "voucher_redemptions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_application_id_voucher_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."voucher_applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voucher_applications_organisation_id_status_index" ON "voucher_applications" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "voucher_applications_programme_id_status_index" ON "voucher_applications" USING btree ("programme_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_blacklist_active" ON "voucher_blacklist" USING btree ("organisation_id") WHERE lifted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_entries_one_reserve" ON "voucher_entries" USING btree ("voucher_id") WHERE kind = 'reserve';--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_entries_one_redeem" ON "voucher_entries" USING btree ("voucher_id") WHERE kind = 'redeem';--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_entries_one_pay" ON "voucher_entries" USING btree ("voucher_id") WHERE kind = 'pay';--> statement-breakpoint
CREATE INDEX "voucher_entries_programme_id_created_at_index" ON "voucher_entries" USING btree ("programme_id","created_at");--> statement-breakpoint
CREATE INDEX "voucher_entries_voucher_id_index" ON "voucher_entries" USING btree ("voucher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_redemptions_key" ON "voucher_redemptions" USING btree ("submitter_org_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_redemptions_one_live" ON "voucher_redemptions" USING btree ("voucher_id") WHERE status <> 'rejected';--> statement-breakpoint
CREATE INDEX "voucher_redemptions_status_created_at_index" ON "voucher_redemptions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "voucher_redemptions_provider_org_id_created_at_index" ON "voucher_redemptions" USING btree ("provider_org_id","created_at");--> statement-breakpoint
CREATE INDEX "vouchers_organisation_id_status_index" ON "vouchers" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "vouchers_programme_id_status_index" ON "vouchers" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "vouchers_status_valid_until_index" ON "vouchers" USING btree ("status","valid_until");