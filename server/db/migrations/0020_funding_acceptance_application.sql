ALTER TABLE "funding_applications" ADD COLUMN "acceptance_report" text;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD COLUMN "acceptance_documents" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD COLUMN "acceptance_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD COLUMN "acceptance_return_note" text;