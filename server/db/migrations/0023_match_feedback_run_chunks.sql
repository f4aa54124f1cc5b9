ALTER TABLE "match_feedback_runs" ADD COLUMN "plan" jsonb;--> statement-breakpoint
ALTER TABLE "match_feedback_runs" ADD COLUMN "asked" jsonb;