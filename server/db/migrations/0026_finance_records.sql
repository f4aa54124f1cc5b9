CREATE TABLE "finance_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid,
	"kind" text NOT NULL,
	"institution_name" text NOT NULL,
	"institution_id" uuid,
	"amount_fen" bigint NOT NULL,
	"premium_fen" bigint,
	"signed_on" date NOT NULL,
	"term_end_on" date,
	"pledged_patents" text[] DEFAULT '{}' NOT NULL,
	"evaluated_value_fen" bigint,
	"evaluation_institution" text,
	"evidence_file_id" uuid,
	"subsidy_requested" boolean DEFAULT false NOT NULL,
	"subsidy_amount_fen" bigint,
	"note" text,
	"submitted_at" timestamp with time zone,
	"reviewer_id" uuid,
	"reviewed_at" timestamp with time zone,
	"return_note" text,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "finance_records_amounts" CHECK ("finance_records"."amount_fen" > 0 AND coalesce("finance_records"."premium_fen", 0) >= 0 AND coalesce("finance_records"."evaluated_value_fen", 0) >= 0 AND coalesce("finance_records"."subsidy_amount_fen", 0) >= 0),
	CONSTRAINT "finance_records_term" CHECK ("finance_records"."term_end_on" IS NULL OR "finance_records"."term_end_on" >= "finance_records"."signed_on")
);
--> statement-breakpoint
ALTER TABLE "finance_events" ADD CONSTRAINT "finance_events_record_id_finance_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."finance_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_events" ADD CONSTRAINT "finance_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_records" ADD CONSTRAINT "finance_records_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_records" ADD CONSTRAINT "finance_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_records" ADD CONSTRAINT "finance_records_evidence_file_id_files_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_records" ADD CONSTRAINT "finance_records_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finance_events_record_id_created_at_index" ON "finance_events" USING btree ("record_id","created_at");--> statement-breakpoint
CREATE INDEX "finance_records_organisation_id_status_index" ON "finance_records" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "finance_records_status_submitted_at_index" ON "finance_records" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "finance_records_verified" ON "finance_records" USING btree ("signed_on","kind") WHERE status = 'verified';