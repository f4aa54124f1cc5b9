CREATE TABLE "contract_stats_monthly" (
	"month" date NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"rows" bigint NOT NULL,
	"contracts" bigint NOT NULL,
	"contract_fen" bigint NOT NULL,
	"tech_fen" bigint NOT NULL,
	CONSTRAINT "contract_stats_monthly_month_dim_key_pk" PRIMARY KEY("month","dim","key")
);
