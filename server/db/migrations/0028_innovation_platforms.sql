CREATE TABLE "platforms" (
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
	"platform_type" text NOT NULL,
	"level" text NOT NULL,
	"partners" text[] DEFAULT '{}' NOT NULL,
	"tech_field" text,
	"pillar_industry" text,
	"recognised_on" date,
	"recognised_by" text,
	"summary" text DEFAULT '' NOT NULL,
	"open_to_others" boolean DEFAULT false NOT NULL,
	"shared_resources" text,
	CONSTRAINT "platforms_externalId_unique" UNIQUE("external_id")
);
--> statement-breakpoint
ALTER TABLE "platforms" ADD CONSTRAINT "platforms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platforms" ADD CONSTRAINT "platforms_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "platforms_public" ON "platforms" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "platforms_search" ON "platforms" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "platforms_name_trgm" ON "platforms" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "platforms_organisation_id_index" ON "platforms" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "platforms_level_recognised_on_index" ON "platforms" USING btree ("level","recognised_on");