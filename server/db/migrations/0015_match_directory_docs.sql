CREATE TABLE "match_directory_docs" (
	"kind" text NOT NULL,
	"entry_id" uuid NOT NULL,
	"external_id" text,
	"name" text NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"region_code" text,
	"types" text[] DEFAULT '{}' NOT NULL,
	"level" text,
	"fingerprint" text NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_directory_docs_kind_entry_id_pk" PRIMARY KEY("kind","entry_id")
);
--> statement-breakpoint
CREATE INDEX "match_directory_docs_search" ON "match_directory_docs" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "match_directory_docs_name_trgm" ON "match_directory_docs" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "match_directory_docs_types" ON "match_directory_docs" USING gin ("types");