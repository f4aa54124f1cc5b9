CREATE TABLE "plan_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"task_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"unit" text NOT NULL,
	"aggregation" text NOT NULL,
	"source" text NOT NULL,
	"query" text,
	"public" boolean DEFAULT false NOT NULL,
	"note" text,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"indicator_id" uuid,
	"target" bigint,
	"reached_at" timestamp with time zone,
	"reached_by_report_id" uuid
);
--> statement-breakpoint
CREATE TABLE "plan_report_figures" (
	"report_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"value" bigint NOT NULL,
	"note" text,
	CONSTRAINT "plan_report_figures_report_id_indicator_id_pk" PRIMARY KEY("report_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "plan_report_files" (
	"report_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_report_files_report_id_file_id_pk" PRIMARY KEY("report_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "plan_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"narrative" text NOT NULL,
	"milestone_ids" uuid[] DEFAULT '{}' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_supervision_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text,
	"milestone_id" uuid,
	"due_date" date NOT NULL,
	"level" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_targets" (
	"indicator_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"value" bigint NOT NULL,
	"note" text,
	CONSTRAINT "plan_targets_indicator_id_year_pk" PRIMARY KEY("indicator_id","year")
);
--> statement-breakpoint
CREATE TABLE "plan_task_units" (
	"task_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_task_units_task_id_organisation_id_pk" PRIMARY KEY("task_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"measures" text NOT NULL,
	"schedule_text" text DEFAULT '' NOT NULL,
	"schedule_kind" text NOT NULL,
	"cadence" text DEFAULT 'quarterly' NOT NULL,
	"co_unit_types" text[] DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"issuing_body" text NOT NULL,
	"document_number" text,
	"issued_on" date,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"at_risk_margin_permille" integer DEFAULT 100 NOT NULL,
	"report_due_days" integer DEFAULT 10 NOT NULL,
	"reporting_from" date NOT NULL,
	"note" text,
	"source" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_indicator_id_plan_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."plan_indicators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report_figures" ADD CONSTRAINT "plan_report_figures_report_id_plan_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."plan_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report_figures" ADD CONSTRAINT "plan_report_figures_indicator_id_plan_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."plan_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report_files" ADD CONSTRAINT "plan_report_files_report_id_plan_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."plan_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report_files" ADD CONSTRAINT "plan_report_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_supervision_items" ADD CONSTRAINT "plan_supervision_items_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_supervision_items" ADD CONSTRAINT "plan_supervision_items_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_supervision_items" ADD CONSTRAINT "plan_supervision_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_supervision_items" ADD CONSTRAINT "plan_supervision_items_milestone_id_plan_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."plan_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_targets" ADD CONSTRAINT "plan_targets_indicator_id_plan_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."plan_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_units" ADD CONSTRAINT "plan_task_units_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_units" ADD CONSTRAINT "plan_task_units_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_indicators_plan_id_code_index" ON "plan_indicators" USING btree ("plan_id","code");--> statement-breakpoint
CREATE INDEX "plan_indicators_task_id_index" ON "plan_indicators" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_milestones_task_id_index" ON "plan_milestones" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_report_figures_indicator_id_index" ON "plan_report_figures" USING btree ("indicator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_reports_task_id_organisation_id_period_index" ON "plan_reports" USING btree ("task_id","organisation_id","period");--> statement-breakpoint
CREATE INDEX "plan_reports_plan_id_status_index" ON "plan_reports" USING btree ("plan_id","status");--> statement-breakpoint
CREATE INDEX "plan_reports_organisation_id_index" ON "plan_reports" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_supervision_report_key" ON "plan_supervision_items" USING btree ("task_id","organisation_id","period") WHERE period IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_supervision_milestone_key" ON "plan_supervision_items" USING btree ("milestone_id","organisation_id") WHERE milestone_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "plan_supervision_items_plan_id_resolved_at_index" ON "plan_supervision_items" USING btree ("plan_id","resolved_at");--> statement-breakpoint
CREATE INDEX "plan_task_units_organisation_id_index" ON "plan_task_units" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_tasks_plan_id_number_index" ON "plan_tasks" USING btree ("plan_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_code_index" ON "plans" USING btree ("code");--> statement-breakpoint
CREATE INDEX "plans_status_start_date_index" ON "plans" USING btree ("status","start_date");