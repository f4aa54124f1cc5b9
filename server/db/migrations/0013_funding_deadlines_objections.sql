ALTER TABLE "funding_applications" ADD COLUMN "withdrawn_note" text;--> statement-breakpoint
ALTER TABLE "funding_assignments" ADD COLUMN "deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "funding_assignments" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "funding_assignments" ADD COLUMN "overdue_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "funding_objections" ADD COLUMN "evidence_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_objections" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_objections" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "funding_objections" ADD COLUMN "resolved_by" uuid;--> statement-breakpoint
ALTER TABLE "funding_objections" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "funding_objections" ADD CONSTRAINT "funding_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_objections_call_id_status_index" ON "funding_objections" USING btree ("call_id","status");--> statement-breakpoint
ALTER TABLE "funding_objections" ADD CONSTRAINT "funding_objections_status" CHECK ("funding_objections"."status" IN ('open', 'upheld', 'dismissed'));