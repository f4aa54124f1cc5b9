CREATE TABLE "funding_experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"title" text NOT NULL,
	"unit" text NOT NULL,
	"unit_org_id" uuid,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_experts_userId_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "funding_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"applicant_user_id" uuid,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"requested_fen" bigint NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"collaborator_org_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"collaborator_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"formal_note" text,
	"score" real,
	"rank" integer,
	"award_fen" bigint,
	"acceptance_note" text,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"scores" jsonb,
	"total" real,
	"comment" text,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"eligibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"required_documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"budget_fen" bigint NOT NULL,
	"score_form" jsonb NOT NULL,
	"review_deadline" timestamp with time zone NOT NULL,
	"notice_days" integer DEFAULT 7 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_closed_at" timestamp with time zone,
	"notice_ends_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_calls_kind" CHECK ("funding_calls"."kind" IN ('pre_guidance', 'post_award', 'post_subsidy')),
	CONSTRAINT "funding_calls_budget" CHECK ("funding_calls"."budget_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_disbursements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"instalment" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_disbursements_amount" CHECK ("funding_disbursements"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"application_id" uuid,
	"user_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_experts" ADD CONSTRAINT "funding_experts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_experts" ADD CONSTRAINT "funding_experts_unit_org_id_organisations_id_fk" FOREIGN KEY ("unit_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_call_id_funding_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."funding_calls"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_assignments" ADD CONSTRAINT "funding_assignments_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_assignments" ADD CONSTRAINT "funding_assignments_expert_id_funding_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."funding_experts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_calls" ADD CONSTRAINT "funding_calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_disbursements" ADD CONSTRAINT "funding_disbursements_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_disbursements" ADD CONSTRAINT "funding_disbursements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_objections" ADD CONSTRAINT "funding_objections_call_id_funding_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."funding_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_objections" ADD CONSTRAINT "funding_objections_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_objections" ADD CONSTRAINT "funding_objections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_applications_call_id_status_index" ON "funding_applications" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "funding_applications_organisation_id_index" ON "funding_applications" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_assignments_application_id_expert_id_index" ON "funding_assignments" USING btree ("application_id","expert_id");--> statement-breakpoint
CREATE INDEX "funding_assignments_expert_id_index" ON "funding_assignments" USING btree ("expert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_disbursements_application_id_instalment_index" ON "funding_disbursements" USING btree ("application_id","instalment");