CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"actor_org_id" uuid,
	"type" text NOT NULL,
	"body" text,
	"file_id" uuid,
	"from_status" text,
	"to_status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"achievement_id" uuid,
	"demand_id" uuid,
	"initiator_org_id" uuid NOT NULL,
	"initiator_user_id" uuid,
	"counterpart_org_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"status" text DEFAULT 'interest' NOT NULL,
	"closed_reason" text,
	"closed_note" text,
	"broker_user_id" uuid,
	"broker_assigned_at" timestamp with time zone,
	"awaiting" text,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"industry_section" text,
	"contract_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"direction" text NOT NULL,
	"query_kind" text,
	"query_id" uuid,
	"query_text" text,
	"result_kind" text NOT NULL,
	"result_id" uuid NOT NULL,
	"rank" integer,
	"score" real,
	"useful" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_impressions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"organisation_id" uuid,
	"direction" text NOT NULL,
	"query_id" uuid,
	"result_ids" uuid[] NOT NULL,
	"industry_section" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_subscription_hits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"score" real NOT NULL,
	"explanation" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"digested_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "match_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"target" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid,
	"profile_text" text,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"threshold" real DEFAULT 0.5 NOT NULL,
	"email_digest" text DEFAULT 'none' NOT NULL,
	"unsubscribe_token_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_digest_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_subscriptions_unsubscribeTokenHash_unique" UNIQUE("unsubscribe_token_hash")
);
--> statement-breakpoint
CREATE TABLE "match_term_stats" (
	"kind" text NOT NULL,
	"term" text NOT NULL,
	"df" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_match_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."match_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_org_id_organisations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_cases" ADD CONSTRAINT "match_cases_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_cases" ADD CONSTRAINT "match_cases_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_cases" ADD CONSTRAINT "match_cases_initiator_org_id_organisations_id_fk" FOREIGN KEY ("initiator_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_cases" ADD CONSTRAINT "match_cases_initiator_user_id_users_id_fk" FOREIGN KEY ("initiator_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_cases" ADD CONSTRAINT "match_cases_counterpart_org_id_organisations_id_fk" FOREIGN KEY ("counterpart_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_cases" ADD CONSTRAINT "match_cases_broker_user_id_users_id_fk" FOREIGN KEY ("broker_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_feedback" ADD CONSTRAINT "match_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_impressions" ADD CONSTRAINT "match_impressions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_impressions" ADD CONSTRAINT "match_impressions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_subscription_hits" ADD CONSTRAINT "match_subscription_hits_subscription_id_match_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."match_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_subscriptions" ADD CONSTRAINT "match_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_id_created_at_index" ON "case_events" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "match_cases_initiator_org_id_status_index" ON "match_cases" USING btree ("initiator_org_id","status");--> statement-breakpoint
CREATE INDEX "match_cases_counterpart_org_id_status_index" ON "match_cases" USING btree ("counterpart_org_id","status");--> statement-breakpoint
CREATE INDEX "match_cases_broker_user_id_status_index" ON "match_cases" USING btree ("broker_user_id","status");--> statement-breakpoint
CREATE INDEX "match_cases_status_last_activity_at_index" ON "match_cases" USING btree ("status","last_activity_at");--> statement-breakpoint
CREATE UNIQUE INDEX "match_cases_open_pair" ON "match_cases" USING btree ("initiator_org_id","counterpart_org_id",coalesce("achievement_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("demand_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "match_feedback_direction_created_at_index" ON "match_feedback" USING btree ("direction","created_at");--> statement-breakpoint
CREATE INDEX "match_impressions_created_at_index" ON "match_impressions" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "match_subscription_hits_subscription_id_record_kind_record_id_index" ON "match_subscription_hits" USING btree ("subscription_id","record_kind","record_id");--> statement-breakpoint
CREATE INDEX "match_subscription_hits_subscription_id_digested_at_index" ON "match_subscription_hits" USING btree ("subscription_id","digested_at");--> statement-breakpoint
CREATE INDEX "match_subscriptions_user_id_index" ON "match_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "match_subscriptions_target_active_index" ON "match_subscriptions" USING btree ("target","active");--> statement-breakpoint
CREATE UNIQUE INDEX "match_term_stats_kind_term_index" ON "match_term_stats" USING btree ("kind","term");