ALTER TABLE "match_feedback_runs" ADD COLUMN "failure_code" text;--> statement-breakpoint
ALTER TABLE "match_feedback_runs" ADD COLUMN "resumes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "match_feedback_runs" ADD COLUMN "resumed_at_processed" integer;--> statement-breakpoint
UPDATE "match_feedback_runs" SET "failure_code" = 'error' WHERE "status" = 'failed';
