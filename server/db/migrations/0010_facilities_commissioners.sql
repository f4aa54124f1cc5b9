CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"model" text,
	"manufacturer" text,
	"specifications" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"location" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"fee_unit" text DEFAULT 'hour' NOT NULL,
	"fee_fen" bigint DEFAULT 0 NOT NULL,
	"opening_hours" jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_note" text,
	"pending_changes" jsonb,
	"search_vector" "tsvector",
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilities_fee_nonnegative" CHECK ("facilities"."fee_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "facility_blocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_blocks_order" CHECK ("facility_blocks"."ends_at" > "facility_blocks"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "facility_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"requester_user_id" uuid NOT NULL,
	"requester_org_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"purpose" text NOT NULL,
	"samples" integer,
	"status" text DEFAULT 'requested' NOT NULL,
	"estimated_fee_fen" bigint DEFAULT 0 NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_bookings_order" CHECK ("facility_bookings"."ends_at" > "facility_bookings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "facility_usage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"booking_id" uuid,
	"user_org_id" uuid,
	"user_name" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"samples" integer,
	"fee_fen" bigint NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_usage_order" CHECK ("facility_usage"."ended_at" > "facility_usage"."started_at"),
	CONSTRAINT "facility_usage_fee_nonnegative" CHECK ("facility_usage"."fee_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "commissioner_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commissioner_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"village_id" uuid,
	"organisation_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_target" CHECK (("commissioner_assignments"."target_kind" = 'village') = ("commissioner_assignments"."village_id" IS NOT NULL) AND ("commissioner_assignments"."target_kind" = 'village') = ("commissioner_assignments"."organisation_id" IS NULL)),
	CONSTRAINT "assignments_order" CHECK ("commissioner_assignments"."ends_on" IS NULL OR "commissioner_assignments"."ends_on" >= "commissioner_assignments"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "commissioner_benefits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commissioner_id" uuid NOT NULL,
	"organisation_id" uuid,
	"enterprise_name" text NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"equity_basis_points" integer,
	"received_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefits_amount" CHECK ("commissioner_benefits"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "commissioners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"members" text[] DEFAULT '{}' NOT NULL,
	"expertise" text[] DEFAULT '{}' NOT NULL,
	"home_unit" text NOT NULL,
	"home_org_id" uuid,
	"legal_type" text NOT NULL,
	"phone" text,
	"user_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commissioners_userId_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "commissioner_service_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commissioner_id" uuid NOT NULL,
	"assignment_id" uuid,
	"village_id" uuid,
	"organisation_id" uuid,
	"idempotency_key" uuid NOT NULL,
	"category" text NOT NULL,
	"what" text NOT NULL,
	"place" text NOT NULL,
	"beneficiaries" text NOT NULL,
	"beneficiary_count" integer DEFAULT 0 NOT NULL,
	"minutes" integer NOT NULL,
	"served_at" timestamp with time zone NOT NULL,
	"photo_file_ids" uuid[] DEFAULT '{}' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_logs_minutes" CHECK ("commissioner_service_logs"."minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "villages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"township_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"households" integer,
	"poverty_flagged_year" integer,
	"poverty_lifted_year" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "villages_code_unique" UNIQUE("code"),
	CONSTRAINT "villages_lifted_after_flagged" CHECK ("villages"."poverty_lifted_year" IS NULL OR ("villages"."poverty_flagged_year" IS NOT NULL AND "villages"."poverty_lifted_year" >= "villages"."poverty_flagged_year"))
);
--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_blocks" ADD CONSTRAINT "facility_blocks_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_blocks" ADD CONSTRAINT "facility_blocks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_requester_org_id_organisations_id_fk" FOREIGN KEY ("requester_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_usage" ADD CONSTRAINT "facility_usage_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_usage" ADD CONSTRAINT "facility_usage_booking_id_facility_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."facility_bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_usage" ADD CONSTRAINT "facility_usage_user_org_id_organisations_id_fk" FOREIGN KEY ("user_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_usage" ADD CONSTRAINT "facility_usage_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_assignments" ADD CONSTRAINT "commissioner_assignments_commissioner_id_commissioners_id_fk" FOREIGN KEY ("commissioner_id") REFERENCES "public"."commissioners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_assignments" ADD CONSTRAINT "commissioner_assignments_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_assignments" ADD CONSTRAINT "commissioner_assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_assignments" ADD CONSTRAINT "commissioner_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_benefits" ADD CONSTRAINT "commissioner_benefits_commissioner_id_commissioners_id_fk" FOREIGN KEY ("commissioner_id") REFERENCES "public"."commissioners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_benefits" ADD CONSTRAINT "commissioner_benefits_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_benefits" ADD CONSTRAINT "commissioner_benefits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioners" ADD CONSTRAINT "commissioners_home_org_id_organisations_id_fk" FOREIGN KEY ("home_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioners" ADD CONSTRAINT "commissioners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_service_logs" ADD CONSTRAINT "commissioner_service_logs_commissioner_id_commissioners_id_fk" FOREIGN KEY ("commissioner_id") REFERENCES "public"."commissioners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_service_logs" ADD CONSTRAINT "commissioner_service_logs_assignment_id_commissioner_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."commissioner_assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_service_logs" ADD CONSTRAINT "commissioner_service_logs_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_service_logs" ADD CONSTRAINT "commissioner_service_logs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioner_service_logs" ADD CONSTRAINT "commissioner_service_logs_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages" ADD CONSTRAINT "villages_township_id_organisations_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facilities_organisation_id_index" ON "facilities" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "facilities_status_index" ON "facilities" USING btree ("status");--> statement-breakpoint
CREATE INDEX "facilities_search" ON "facilities" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "facility_blocks_facility_id_starts_at_index" ON "facility_blocks" USING btree ("facility_id","starts_at");--> statement-breakpoint
CREATE INDEX "facility_bookings_facility_id_starts_at_index" ON "facility_bookings" USING btree ("facility_id","starts_at");--> statement-breakpoint
CREATE INDEX "facility_bookings_requester_user_id_index" ON "facility_bookings" USING btree ("requester_user_id");--> statement-breakpoint
CREATE INDEX "facility_bookings_requester_org_id_index" ON "facility_bookings" USING btree ("requester_org_id");--> statement-breakpoint
CREATE INDEX "facility_usage_facility_id_started_at_index" ON "facility_usage" USING btree ("facility_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "facility_usage_booking_id_index" ON "facility_usage" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "commissioner_assignments_commissioner_id_index" ON "commissioner_assignments" USING btree ("commissioner_id");--> statement-breakpoint
CREATE INDEX "commissioner_assignments_village_id_index" ON "commissioner_assignments" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "commissioner_benefits_commissioner_id_index" ON "commissioner_benefits" USING btree ("commissioner_id");--> statement-breakpoint
CREATE INDEX "commissioners_status_index" ON "commissioners" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "commissioner_service_logs_commissioner_id_idempotency_key_index" ON "commissioner_service_logs" USING btree ("commissioner_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "commissioner_service_logs_village_id_served_at_index" ON "commissioner_service_logs" USING btree ("village_id","served_at");--> statement-breakpoint
CREATE INDEX "commissioner_service_logs_served_at_index" ON "commissioner_service_logs" USING btree ("served_at");--> statement-breakpoint
CREATE UNIQUE INDEX "villages_township_id_name_index" ON "villages" USING btree ("township_id","name");