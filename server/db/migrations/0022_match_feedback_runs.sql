CREATE TABLE "match_feedback_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requested_by" uuid,
	"from_date" date,
	"to_date" date,
	"max_queries" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"processed_queries" integer DEFAULT 0 NOT NULL,
	"total_queries" integer,
	"result" jsonb,
	"failure" text,
	"claim_token" uuid,
	"cancelled_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "match_feedback_runs" ADD CONSTRAINT "match_feedback_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_feedback_runs" ADD CONSTRAINT "match_feedback_runs_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_feedback_runs_created_at_index" ON "match_feedback_runs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "match_feedback_runs_one_active" ON "match_feedback_runs" USING btree ((true)) WHERE status IN ('queued', 'running');