CREATE TABLE "trade_auction_bidders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"auction_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"registered_by" uuid,
	"bidder_no" integer NOT NULL,
	"deposit_status" text DEFAULT 'unpaid' NOT NULL,
	"deposit_reference" text,
	"deposit_recorded_by" uuid,
	"deposit_paid_at" timestamp with time zone,
	"refund_reference" text,
	"refund_recorded_by" uuid,
	"refunded_at" timestamp with time zone,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_auction_bids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"auction_id" uuid NOT NULL,
	"bidder_id" uuid NOT NULL,
	"user_id" uuid,
	"seq" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"extended_to" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_auctions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"start_price_fen" bigint NOT NULL,
	"increment_fen" bigint NOT NULL,
	"reserve_fen" bigint,
	"deposit_fen" bigint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"scheduled_ends_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"snipe_window_minutes" integer NOT NULL,
	"snipe_extend_minutes" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"failed_reason" text,
	"current_price_fen" bigint,
	"leading_bidder_id" uuid,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"extensions" integer DEFAULT 0 NOT NULL,
	"winner_org_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trade_auctions_amounts" CHECK (start_price_fen > 0 AND increment_fen > 0 AND deposit_fen >= 0 AND (reserve_fen IS NULL OR reserve_fen >= start_price_fen)),
	CONSTRAINT "trade_auctions_times" CHECK (starts_at < scheduled_ends_at AND scheduled_ends_at <= ends_at)
);
--> statement-breakpoint
CREATE TABLE "trade_deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"auction_id" uuid,
	"offer_id" uuid,
	"achievement_id" uuid NOT NULL,
	"seller_org_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"transfer_mode" text NOT NULL,
	"status" text DEFAULT 'notice' NOT NULL,
	"notice_ends_at" timestamp with time zone NOT NULL,
	"finalised_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trade_deals_amount" CHECK (amount_fen > 0)
);
--> statement-breakpoint
CREATE TABLE "trade_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"achievement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid,
	"mode" text NOT NULL,
	"price_fen" bigint,
	"transfer_mode" text NOT NULL,
	"terms" text NOT NULL,
	"listed_from" timestamp with time zone NOT NULL,
	"listed_until" timestamp with time zone NOT NULL,
	"notice_working_days" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trade_listings_price" CHECK ((mode = 'fixed') = (price_fen IS NOT NULL) AND (price_fen IS NULL OR price_fen > 0))
);
--> statement-breakpoint
CREATE TABLE "trade_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"filed_by" uuid,
	"filed_org_id" uuid,
	"reasons" text NOT NULL,
	"evidence_file_ids" uuid[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"created_by" uuid,
	"amount_fen" bigint NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trade_auction_bidders" ADD CONSTRAINT "trade_auction_bidders_auction_id_trade_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."trade_auctions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_auction_bidders" ADD CONSTRAINT "trade_auction_bidders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_auction_bidders" ADD CONSTRAINT "trade_auction_bidders_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_auction_bidders" ADD CONSTRAINT "trade_auction_bidders_deposit_recorded_by_users_id_fk" FOREIGN KEY ("deposit_recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_auction_bidders" ADD CONSTRAINT "trade_auction_bidders_refund_recorded_by_users_id_fk" FOREIGN KEY ("refund_recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_auction_bids" ADD CONSTRAINT "trade_auction_bids_auction_id_trade_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."trade_auctions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_auction_bids" ADD CONSTRAINT "trade_auction_bids_bidder_id_trade_auction_bidders_id_fk" FOREIGN KEY ("bidder_id") REFERENCES "public"."trade_auction_bidders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_auction_bids" ADD CONSTRAINT "trade_auction_bids_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_auctions" ADD CONSTRAINT "trade_auctions_listing_id_trade_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."trade_listings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_auctions" ADD CONSTRAINT "trade_auctions_winner_org_id_organisations_id_fk" FOREIGN KEY ("winner_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_deals" ADD CONSTRAINT "trade_deals_listing_id_trade_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."trade_listings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_deals" ADD CONSTRAINT "trade_deals_auction_id_trade_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."trade_auctions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_deals" ADD CONSTRAINT "trade_deals_offer_id_trade_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."trade_offers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_deals" ADD CONSTRAINT "trade_deals_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_deals" ADD CONSTRAINT "trade_deals_seller_org_id_organisations_id_fk" FOREIGN KEY ("seller_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_deals" ADD CONSTRAINT "trade_deals_buyer_org_id_organisations_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_listings" ADD CONSTRAINT "trade_listings_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_listings" ADD CONSTRAINT "trade_listings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_listings" ADD CONSTRAINT "trade_listings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_objections" ADD CONSTRAINT "trade_objections_deal_id_trade_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."trade_deals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_objections" ADD CONSTRAINT "trade_objections_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_objections" ADD CONSTRAINT "trade_objections_filed_org_id_organisations_id_fk" FOREIGN KEY ("filed_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_objections" ADD CONSTRAINT "trade_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_offers" ADD CONSTRAINT "trade_offers_listing_id_trade_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."trade_listings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_offers" ADD CONSTRAINT "trade_offers_buyer_org_id_organisations_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_offers" ADD CONSTRAINT "trade_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trade_auction_bidders_auction_id_organisation_id_index" ON "trade_auction_bidders" USING btree ("auction_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_auction_bidders_auction_id_bidder_no_index" ON "trade_auction_bidders" USING btree ("auction_id","bidder_no");--> statement-breakpoint
CREATE INDEX "trade_auction_bidders_deposit_status_index" ON "trade_auction_bidders" USING btree ("deposit_status");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_auction_bids_auction_id_seq_index" ON "trade_auction_bids" USING btree ("auction_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_auction_bids_auction_id_amount_fen_index" ON "trade_auction_bids" USING btree ("auction_id","amount_fen");--> statement-breakpoint
CREATE INDEX "trade_auctions_listing_id_index" ON "trade_auctions" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "trade_auctions_status_ends_at_index" ON "trade_auctions" USING btree ("status","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_auctions_open_listing" ON "trade_auctions" USING btree ("listing_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "trade_deals_status_notice_ends_at_index" ON "trade_deals" USING btree ("status","notice_ends_at");--> statement-breakpoint
CREATE INDEX "trade_deals_buyer_org_id_index" ON "trade_deals" USING btree ("buyer_org_id");--> statement-breakpoint
CREATE INDEX "trade_deals_seller_org_id_index" ON "trade_deals" USING btree ("seller_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_deals_live_listing" ON "trade_deals" USING btree ("listing_id") WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "trade_listings_status_listed_until_index" ON "trade_listings" USING btree ("status","listed_until");--> statement-breakpoint
CREATE INDEX "trade_listings_organisation_id_status_index" ON "trade_listings" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_listings_live_achievement" ON "trade_listings" USING btree ("achievement_id") WHERE status IN ('open', 'in_deal');--> statement-breakpoint
CREATE INDEX "trade_objections_deal_id_status_index" ON "trade_objections" USING btree ("deal_id","status");--> statement-breakpoint
CREATE INDEX "trade_objections_status_created_at_index" ON "trade_objections" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "trade_offers_listing_id_status_index" ON "trade_offers" USING btree ("listing_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_offers_pending_buyer" ON "trade_offers" USING btree ("listing_id","buyer_org_id") WHERE status = 'pending';