CREATE TABLE "alliance_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"joined_on" date,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alliance_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"started_on" date,
	"ended_on" date,
	"budget_fen" bigint,
	"participants" text[] DEFAULT '{}' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alliances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"pending_revision_id" uuid,
	"published_revision_id" uuid,
	"search_vector" "tsvector",
	"search_dictionary_version" text,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"field" text,
	"level" text DEFAULT 'none' NOT NULL,
	"founded_on" date,
	"summary" text DEFAULT '' NOT NULL,
	CONSTRAINT "alliances_externalId_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "broker_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"broker_id" uuid NOT NULL,
	"name" text NOT NULL,
	"number" text,
	"issuer" text,
	"issued_on" date,
	"valid_until" date,
	"file_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "broker_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"broker_id" uuid NOT NULL,
	"course" text NOT NULL,
	"hours" real NOT NULL,
	"taken_on" date NOT NULL,
	"issuer" text,
	"file_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broker_trainings_hours" CHECK ("broker_trainings"."hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "brokers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"pending_revision_id" uuid,
	"published_revision_id" uuid,
	"search_vector" "tsvector",
	"search_dictionary_version" text,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"grade" text DEFAULT 'junior' NOT NULL,
	"expertise" text[] DEFAULT '{}' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"phone" text,
	"email" text,
	CONSTRAINT "brokers_externalId_unique" UNIQUE("external_id"),
	CONSTRAINT "brokers_userId_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "demo_zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"pending_revision_id" uuid,
	"published_revision_id" uuid,
	"search_vector" "tsvector",
	"search_dictionary_version" text,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'zone' NOT NULL,
	"level" text NOT NULL,
	"stage" text DEFAULT 'cultivating' NOT NULL,
	"field" text,
	"summary" text DEFAULT '' NOT NULL,
	"cultivating_since" date,
	"built_on" date,
	"recognised_on" date,
	"evidence_file_ids" uuid[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "demo_zones_externalId_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "institution_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"scores" jsonb NOT NULL,
	"note" text,
	"assessed_by" uuid,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_performance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"deals_count" integer DEFAULT 0 NOT NULL,
	"contract_amount_fen" bigint DEFAULT 0 NOT NULL,
	"served_clients" integer DEFAULT 0 NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_scoring_schemes" (
	"year" smallint PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"pass_mark" real DEFAULT 60 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price_fen" bigint,
	"unit" text DEFAULT '项' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "institution_services_price" CHECK ("institution_services"."price_fen" IS NULL OR "institution_services"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "institution_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"broker_id" uuid,
	"name" text NOT NULL,
	"position" text,
	"phone" text,
	"joined_on" date,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"pending_revision_id" uuid,
	"published_revision_id" uuid,
	"search_vector" "tsvector",
	"search_dictionary_version" text,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"types" text[] DEFAULT '{}' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"address" text,
	"region_code" text,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"website" text,
	"recognition_level" text DEFAULT 'none' NOT NULL,
	"certificate_no" text,
	"certificate_file_id" uuid,
	"recognised_on" date,
	"valid_until" date,
	"expiry_warned_at" timestamp with time zone,
	CONSTRAINT "institutions_externalId_unique" UNIQUE("external_id"),
	CONSTRAINT "institutions_organisationId_unique" UNIQUE("organisation_id")
);
--> statement-breakpoint
CREATE TABLE "registry_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"entry_id" uuid NOT NULL,
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
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "space_tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"organisation_id" uuid,
	"field" text,
	"entered_on" date NOT NULL,
	"graduated_on" date,
	"outcome" text DEFAULT 'incubating' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_tenants_dates" CHECK ("space_tenants"."graduated_on" IS NULL OR "space_tenants"."graduated_on" >= "space_tenants"."entered_on")
);
--> statement-breakpoint
CREATE TABLE "spaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"pending_revision_id" uuid,
	"published_revision_id" uuid,
	"search_vector" "tsvector",
	"search_dictionary_version" text,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"level" text DEFAULT 'none' NOT NULL,
	"specialisation" text DEFAULT 'general' NOT NULL,
	"field" text,
	"operator_name" text,
	"address" text,
	"region_code" text,
	"area_sqm" real,
	"services" text[] DEFAULT '{}' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"recognised_on" date,
	"contact_name" text,
	"contact_phone" text,
	CONSTRAINT "spaces_externalId_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "talent_recognitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"broker_id" uuid NOT NULL,
	"level" text NOT NULL,
	"year" smallint NOT NULL,
	"document_no" text,
	"file_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_number_counters" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"last_serial" integer NOT NULL,
	CONSTRAINT "contract_number_counters_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "major_achievements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"achievement_id" uuid NOT NULL,
	"contract_id" uuid,
	"title" text NOT NULL,
	"organisation_id" uuid,
	"status" text DEFAULT 'proposed' NOT NULL,
	"criteria" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"transformed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "researcher_rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"income_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"rate_bp" integer NOT NULL,
	"minimum_bp" integer NOT NULL,
	"base_fen" bigint NOT NULL,
	"total_fen" bigint NOT NULL,
	"total_shares" bigint,
	"below_minimum_reason" text,
	"allocation" jsonb NOT NULL,
	"working" jsonb NOT NULL,
	"deferral" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tech_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text DEFAULT 'original' NOT NULL,
	"parent_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid,
	"type" text NOT NULL,
	"sub_type" text NOT NULL,
	"project_name" text NOT NULL,
	"signed_on" date NOT NULL,
	"signed_place" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"seller" jsonb NOT NULL,
	"buyer" jsonb NOT NULL,
	"seller_region" text NOT NULL,
	"buyer_region" text NOT NULL,
	"buyer_org_id" uuid,
	"tech_field" text NOT NULL,
	"industry_section" text,
	"ip_type" text NOT NULL,
	"plan_category" text NOT NULL,
	"contract_amount_fen" bigint NOT NULL,
	"deductions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tech_amount_fen" bigint NOT NULL,
	"payment_schedule" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expected_investment_fen" bigint,
	"expected_output_fen" bigint,
	"performed_amount_fen" bigint,
	"performed_tech_fen" bigint,
	"achievement_id" uuid,
	"demand_id" uuid,
	"case_id" uuid,
	"deal_id" uuid,
	"contract_file_id" uuid,
	"note" text,
	"submitted_at" timestamp with time zone,
	"review_due_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"reviewer_id" uuid,
	"reviewed_at" timestamp with time zone,
	"return_reason" text,
	"refusal_reason" text,
	"refusal_note" text,
	"reclassified_from" text,
	"registration_number" text,
	"registered_at" timestamp with time zone,
	"counted_contracts" smallint DEFAULT 0 NOT NULL,
	"counted_contract_fen" bigint DEFAULT 0 NOT NULL,
	"counted_tech_fen" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tech_contracts_registrationNumber_unique" UNIQUE("registration_number"),
	CONSTRAINT "tech_contracts_amounts" CHECK ("tech_contracts"."contract_amount_fen" >= 0 AND "tech_contracts"."tech_amount_fen" >= 0 AND "tech_contracts"."tech_amount_fen" <= "tech_contracts"."contract_amount_fen")
);
--> statement-breakpoint
CREATE TABLE "transformation_incomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"contract_id" uuid,
	"kind" text NOT NULL,
	"received_on" date NOT NULL,
	"gross_fen" bigint NOT NULL,
	"costs_fen" bigint DEFAULT 0 NOT NULL,
	"shares" bigint,
	"profit_year" smallint,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transformation_incomes_net" CHECK ("transformation_incomes"."gross_fen" >= 0 AND "transformation_incomes"."costs_fen" >= 0 AND "transformation_incomes"."costs_fen" <= "transformation_incomes"."gross_fen")
);
--> statement-breakpoint
ALTER TABLE "alliance_members" ADD CONSTRAINT "alliance_members_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_members" ADD CONSTRAINT "alliance_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_projects" ADD CONSTRAINT "alliance_projects_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_certificates" ADD CONSTRAINT "broker_certificates_broker_id_brokers_id_fk" FOREIGN KEY ("broker_id") REFERENCES "public"."brokers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_certificates" ADD CONSTRAINT "broker_certificates_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_trainings" ADD CONSTRAINT "broker_trainings_broker_id_brokers_id_fk" FOREIGN KEY ("broker_id") REFERENCES "public"."brokers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_trainings" ADD CONSTRAINT "broker_trainings_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brokers" ADD CONSTRAINT "brokers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brokers" ADD CONSTRAINT "brokers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brokers" ADD CONSTRAINT "brokers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_zones" ADD CONSTRAINT "demo_zones_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_zones" ADD CONSTRAINT "demo_zones_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_assessments" ADD CONSTRAINT "institution_assessments_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_assessments" ADD CONSTRAINT "institution_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_performance" ADD CONSTRAINT "institution_performance_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_performance" ADD CONSTRAINT "institution_performance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_scoring_schemes" ADD CONSTRAINT "institution_scoring_schemes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_services" ADD CONSTRAINT "institution_services_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_staff" ADD CONSTRAINT "institution_staff_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_staff" ADD CONSTRAINT "institution_staff_broker_id_brokers_id_fk" FOREIGN KEY ("broker_id") REFERENCES "public"."brokers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_certificate_file_id_files_id_fk" FOREIGN KEY ("certificate_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_revisions" ADD CONSTRAINT "registry_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_revisions" ADD CONSTRAINT "registry_revisions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_revisions" ADD CONSTRAINT "registry_revisions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_tenants" ADD CONSTRAINT "space_tenants_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_tenants" ADD CONSTRAINT "space_tenants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_recognitions" ADD CONSTRAINT "talent_recognitions_broker_id_brokers_id_fk" FOREIGN KEY ("broker_id") REFERENCES "public"."brokers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_recognitions" ADD CONSTRAINT "talent_recognitions_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_recognitions" ADD CONSTRAINT "talent_recognitions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_events" ADD CONSTRAINT "contract_events_contract_id_tech_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."tech_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_events" ADD CONSTRAINT "contract_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_achievements" ADD CONSTRAINT "major_achievements_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_achievements" ADD CONSTRAINT "major_achievements_contract_id_tech_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."tech_contracts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_achievements" ADD CONSTRAINT "major_achievements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_achievements" ADD CONSTRAINT "major_achievements_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "researcher_rewards" ADD CONSTRAINT "researcher_rewards_income_id_transformation_incomes_id_fk" FOREIGN KEY ("income_id") REFERENCES "public"."transformation_incomes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "researcher_rewards" ADD CONSTRAINT "researcher_rewards_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "researcher_rewards" ADD CONSTRAINT "researcher_rewards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_parent_id_tech_contracts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."tech_contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_buyer_org_id_organisations_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_case_id_match_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."match_cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_contract_file_id_files_id_fk" FOREIGN KEY ("contract_file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transformation_incomes" ADD CONSTRAINT "transformation_incomes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transformation_incomes" ADD CONSTRAINT "transformation_incomes_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transformation_incomes" ADD CONSTRAINT "transformation_incomes_contract_id_tech_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."tech_contracts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transformation_incomes" ADD CONSTRAINT "transformation_incomes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliance_members_alliance_id_index" ON "alliance_members" USING btree ("alliance_id");--> statement-breakpoint
CREATE INDEX "alliance_members_organisation_id_index" ON "alliance_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "alliance_projects_alliance_id_status_index" ON "alliance_projects" USING btree ("alliance_id","status");--> statement-breakpoint
CREATE INDEX "alliances_public" ON "alliances" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "alliances_search" ON "alliances" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "alliances_name_trgm" ON "alliances" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "alliances_organisation_id_index" ON "alliances" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "broker_certificates_broker_id_index" ON "broker_certificates" USING btree ("broker_id");--> statement-breakpoint
CREATE INDEX "broker_trainings_broker_id_taken_on_index" ON "broker_trainings" USING btree ("broker_id","taken_on");--> statement-breakpoint
CREATE INDEX "brokers_public" ON "brokers" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "brokers_search" ON "brokers" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "brokers_name_trgm" ON "brokers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "brokers_organisation_id_index" ON "brokers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "demo_zones_public" ON "demo_zones" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "demo_zones_search" ON "demo_zones" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "demo_zones_name_trgm" ON "demo_zones" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "demo_zones_organisation_id_index" ON "demo_zones" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "demo_zones_level_stage_index" ON "demo_zones" USING btree ("level","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "institution_assessments_institution_id_year_index" ON "institution_assessments" USING btree ("institution_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "institution_performance_institution_id_year_index" ON "institution_performance" USING btree ("institution_id","year");--> statement-breakpoint
CREATE INDEX "institution_services_institution_id_active_index" ON "institution_services" USING btree ("institution_id","active");--> statement-breakpoint
CREATE INDEX "institution_services_category_index" ON "institution_services" USING btree ("category");--> statement-breakpoint
CREATE INDEX "institution_staff_institution_id_index" ON "institution_staff" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "institution_staff_broker_id_index" ON "institution_staff" USING btree ("broker_id");--> statement-breakpoint
CREATE INDEX "institutions_public" ON "institutions" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "institutions_search" ON "institutions" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "institutions_name_trgm" ON "institutions" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "institutions_types" ON "institutions" USING gin ("types");--> statement-breakpoint
CREATE INDEX "institutions_recognition_level_recognised_on_index" ON "institutions" USING btree ("recognition_level","recognised_on");--> statement-breakpoint
CREATE INDEX "institutions_valid_until_index" ON "institutions" USING btree ("valid_until");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_revisions_entry_number" ON "registry_revisions" USING btree ("kind","entry_id","number");--> statement-breakpoint
CREATE INDEX "registry_revisions_queue" ON "registry_revisions" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "space_tenants_space_id_entered_on_index" ON "space_tenants" USING btree ("space_id","entered_on");--> statement-breakpoint
CREATE INDEX "spaces_public" ON "spaces" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "spaces_search" ON "spaces" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "spaces_name_trgm" ON "spaces" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "spaces_organisation_id_index" ON "spaces" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "spaces_kind_level_recognised_on_index" ON "spaces" USING btree ("kind","level","recognised_on");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_recognitions_broker_id_level_index" ON "talent_recognitions" USING btree ("broker_id","level");--> statement-breakpoint
CREATE INDEX "talent_recognitions_level_year_index" ON "talent_recognitions" USING btree ("level","year");--> statement-breakpoint
CREATE INDEX "contract_events_contract_id_created_at_index" ON "contract_events" USING btree ("contract_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "major_achievements_achievement_id_index" ON "major_achievements" USING btree ("achievement_id");--> statement-breakpoint
CREATE INDEX "major_achievements_transformed_at_index" ON "major_achievements" USING btree ("transformed_at");--> statement-breakpoint
CREATE INDEX "researcher_rewards_organisation_id_created_at_index" ON "researcher_rewards" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "researcher_rewards_income_id_index" ON "researcher_rewards" USING btree ("income_id");--> statement-breakpoint
CREATE INDEX "tech_contracts_organisation_id_status_index" ON "tech_contracts" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "tech_contracts_status_review_due_at_index" ON "tech_contracts" USING btree ("status","review_due_at");--> statement-breakpoint
CREATE INDEX "tech_contracts_stats" ON "tech_contracts" USING btree ("registered_at") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "tech_contracts_parent_id_index" ON "tech_contracts" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "tech_contracts_achievement_id_index" ON "tech_contracts" USING btree ("achievement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tech_contracts_open_change" ON "tech_contracts" USING btree ("parent_id") WHERE status IN ('draft', 'submitted', 'returned');--> statement-breakpoint
CREATE INDEX "transformation_incomes_organisation_id_received_on_index" ON "transformation_incomes" USING btree ("organisation_id","received_on");--> statement-breakpoint
CREATE INDEX "transformation_incomes_achievement_id_index" ON "transformation_incomes" USING btree ("achievement_id");