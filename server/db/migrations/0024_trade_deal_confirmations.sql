CREATE TABLE "trade_deal_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"side" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"confirmed_by" uuid,
	"content_hash" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trade_deal_confirmations_side" CHECK (side IN ('seller', 'buyer')),
	CONSTRAINT "trade_deal_confirmations_hash" CHECK (content_hash ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "trade_deal_confirmations" ADD CONSTRAINT "trade_deal_confirmations_deal_id_trade_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."trade_deals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_deal_confirmations" ADD CONSTRAINT "trade_deal_confirmations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_deal_confirmations" ADD CONSTRAINT "trade_deal_confirmations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trade_deal_confirmations_deal_id_side_index" ON "trade_deal_confirmations" USING btree ("deal_id","side");