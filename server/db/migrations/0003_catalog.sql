CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"uploaded_by" uuid,
	"purpose" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "achievements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_revision_id" uuid,
	"pending_revision_id" uuid,
	"title" text NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"industry_section" text,
	"industry_division" text,
	"tech_field" text,
	"pillar_tags" text[] DEFAULT '{}' NOT NULL,
	"region_code" text,
	"quality_score" smallint DEFAULT 0 NOT NULL,
	"search_vector" "tsvector",
	"search_dictionary_version" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"trl" smallint,
	"stage" text,
	"transfer_modes" text[] DEFAULT '{}' NOT NULL,
	"ip_types" text[] DEFAULT '{}' NOT NULL,
	"price_fen" bigint,
	"price_negotiable" boolean DEFAULT false NOT NULL,
	CONSTRAINT "achievements_externalId_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_revision_id" uuid,
	"pending_revision_id" uuid,
	"title" text NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"industry_section" text,
	"industry_division" text,
	"tech_field" text,
	"pillar_tags" text[] DEFAULT '{}' NOT NULL,
	"region_code" text,
	"quality_score" smallint DEFAULT 0 NOT NULL,
	"search_vector" "tsvector",
	"search_dictionary_version" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"cooperation_modes" text[] DEFAULT '{}' NOT NULL,
	"budget_min_fen" bigint,
	"budget_max_fen" bigint,
	"budget_negotiable" boolean DEFAULT false NOT NULL,
	"deadline" date,
	"closed_reason" text,
	"closed_note" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "demands_externalId_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "dictionary_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "index_rebuilds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"dictionary_version" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"error" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "listing_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"achievement_id" uuid,
	"demand_id" uuid,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_note" text,
	"review_checklist" jsonb,
	CONSTRAINT "listing_revisions_one_record" CHECK (("listing_revisions"."achievement_id" IS NULL) <> ("listing_revisions"."demand_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"file_id" uuid NOT NULL,
	"organisation_id" uuid,
	"created_by" uuid,
	"mode" text DEFAULT 'all_or_nothing' NOT NULL,
	"target_status" text DEFAULT 'draft' NOT NULL,
	"status" text DEFAULT 'validating' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"valid_rows" integer DEFAULT 0 NOT NULL,
	"invalid_rows" integer DEFAULT 0 NOT NULL,
	"imported_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "funded_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme" text NOT NULL,
	"project_no" text NOT NULL,
	"title" text NOT NULL,
	"undertaking_org_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_obligations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"report_number" text,
	"achievement_id" uuid,
	"file_id" uuid,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_note" text,
	"last_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dictionary_terms" ADD CONSTRAINT "dictionary_terms_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_rebuilds" ADD CONSTRAINT "index_rebuilds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_revisions" ADD CONSTRAINT "listing_revisions_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_revisions" ADD CONSTRAINT "listing_revisions_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_revisions" ADD CONSTRAINT "listing_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_revisions" ADD CONSTRAINT "listing_revisions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_revisions" ADD CONSTRAINT "listing_revisions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funded_projects" ADD CONSTRAINT "funded_projects_undertaking_org_id_organisations_id_fk" FOREIGN KEY ("undertaking_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funded_projects" ADD CONSTRAINT "funded_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_obligations" ADD CONSTRAINT "project_obligations_project_id_funded_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."funded_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_obligations" ADD CONSTRAINT "project_obligations_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_obligations" ADD CONSTRAINT "project_obligations_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_obligations" ADD CONSTRAINT "project_obligations_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_obligations" ADD CONSTRAINT "project_obligations_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_organisation_id_index" ON "files" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "files_sha256_index" ON "files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "achievements_public" ON "achievements" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "achievements_organisation_id_status_index" ON "achievements" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "achievements_search" ON "achievements" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "achievements_title_trgm" ON "achievements" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "achievements_pillar_tags" ON "achievements" USING gin ("pillar_tags");--> statement-breakpoint
CREATE INDEX "achievements_industry_section_index" ON "achievements" USING btree ("industry_section");--> statement-breakpoint
CREATE INDEX "demands_public" ON "demands" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "demands_organisation_id_status_index" ON "demands" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "demands_search" ON "demands" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "demands_title_trgm" ON "demands" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "demands_pillar_tags" ON "demands" USING gin ("pillar_tags");--> statement-breakpoint
CREATE INDEX "demands_status_deadline_index" ON "demands" USING btree ("status","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "listing_revisions_achievement_number" ON "listing_revisions" USING btree ("achievement_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "listing_revisions_demand_number" ON "listing_revisions" USING btree ("demand_id","number");--> statement-breakpoint
CREATE INDEX "listing_revisions_queue" ON "listing_revisions" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "import_batches_created_by_created_at_index" ON "import_batches" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "funded_projects_programme_project_no_index" ON "funded_projects" USING btree ("programme","project_no");--> statement-breakpoint
CREATE INDEX "funded_projects_undertaking_org_id_index" ON "funded_projects" USING btree ("undertaking_org_id");--> statement-breakpoint
CREATE INDEX "project_obligations_project_id_index" ON "project_obligations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_obligations_status_due_date_index" ON "project_obligations" USING btree ("status","due_date");