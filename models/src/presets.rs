//! Presets: five kinds of product, each a complete scenario with its assumptions
//! written down. They are starting points, not benchmarks: every figure is an
//! assumption a person should replace with their own once they have it.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::scenario::{GrowthMode, Scenario, ScenarioInput, Stage};

/// A built-in starting scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    B2bSaas,
    ConsumerApp,
    Marketplace,
    AiProduct,
    Fintech,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::B2bSaas,
        Preset::ConsumerApp,
        Preset::Marketplace,
        Preset::AiProduct,
        Preset::Fintech,
    ];

    /// The id used on the command line and in links (`?preset=b2b-saas`).
    pub fn id(self) -> &'static str {
        match self {
            Preset::B2bSaas => "b2b-saas",
            Preset::ConsumerApp => "consumer-app",
            Preset::Marketplace => "marketplace",
            Preset::AiProduct => "ai-product",
            Preset::Fintech => "fintech",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Preset::B2bSaas => "B2B SaaS",
            Preset::ConsumerApp => "Consumer app",
            Preset::Marketplace => "Marketplace",
            Preset::AiProduct => "AI product",
            Preset::Fintech => "Fintech",
        }
    }

    /// The assumptions behind the preset, in words.
    pub fn assumptions(self) -> &'static str {
        match self {
            Preset::B2bSaas => "Teams of 5 seats per paying account at $250/month; 30% of active users pay \
                (through their account). Starts at 1,000 registered users growing 12%/month with 2% churn. \
                Work-day product: 60% of registered users active monthly, 40% of those daily. \
                150 API requests per DAU per day, 15 ms CPU each, 4 reads and 0.5 writes per request. \
                2% of requests send an email or webhook inline (300 ms). Little media, modest uploads. \
                Payments extraction allowed once the rules call for it.",
            Preset::ConsumerApp => "Free app with 3% of MAU paying $5/month. Starts at 2,000 users growing \
                20%/month with 5% churn. 40% of registered users active monthly, 25% of those daily. \
                Chatty client: 250 requests per DAU per day, light (8 ms CPU, 3 reads, 0.3 writes). \
                Image-heavy: 40 media views per DAU per day at 400 KB, 20 MB of uploads per MAU per month. \
                Media service extraction allowed.",
            Preset::Marketplace => "Two-sided marketplace: 5% of MAU transact, paying an average take of $30/month. \
                Starts at 1,500 users growing 15%/month with 3% churn. 50% MAU, 20% DAU/MAU. \
                Search-heavy browsing: 200 requests per DAU per day, 6 searches per DAU per day, \
                20 listing-photo views per DAU per day at 250 KB. Search and payments extraction allowed.",
            Preset::AiProduct => "AI assistant sold at $30/month per user to 8% of MAU. Starts at 500 users \
                growing 25%/month in the MVP stage, slowing by stage. 50% MAU, 30% DAU/MAU. \
                60 requests per DAU per day with heavier app work (40 ms CPU) and 20,000 model tokens per DAU per day \
                at a blended $0.30 per million tokens (a small hosted model's list price; replace with yours).",
            Preset::Fintech => "Payments-heavy product: 20% of MAU pay $40/month. Starts at 1,000 users growing \
                10%/month with 1% churn. 70% MAU, 35% DAU/MAU. Write-heavy ledger (1.5 writes per request, \
                4 ms per write), strict 300 ms p95 objective, high availability from product-market fit, \
                PDF statements and webhooks inline (5% of requests, 600 ms). Payments extraction allowed.",
        }
    }

    /// The preset as a checked scenario.
    pub fn scenario(self) -> Scenario {
        Scenario::new(self.input())
            .expect("every preset is a valid scenario (checked by the test suite)")
    }

    /// The preset's inputs. (Longer than most functions: it is a table, one
    /// arm of settings per preset, read best in one place.)
    pub fn input(self) -> ScenarioInput {
        let mut s = ScenarioInput {
            name: self.title().to_owned(),
            ..ScenarioInput::default()
        };
        match self {
            Preset::B2bSaas => {
                s.growth.start_users = 1_000.0;
                s.growth.monthly_rate = 0.12;
                s.growth.mau_share = 0.6;
                s.growth.dau_share = 0.4;
                s.revenue.paying_share = 0.3;
                s.revenue.users_per_customer = 5.0;
                s.revenue.arpa_usd_per_month = 250.0;
                s.revenue.billing_share = 1.0;
            }
            Preset::ConsumerApp => {
                s.growth.start_users = 2_000.0;
                s.growth.monthly_rate = 0.20;
                s.growth.monthly_churn = 0.05;
                s.growth.mau_share = 0.4;
                s.growth.dau_share = 0.25;
                s.revenue.paying_share = 0.03;
                s.revenue.users_per_customer = 1.0;
                s.revenue.arpa_usd_per_month = 5.0;
                s.revenue.billing_share = 1.0;
                s.usage.requests_per_dau_per_day = 250.0;
                s.usage.app_cpu_ms_per_request = 8.0;
                s.usage.db_reads_per_request = 3.0;
                s.usage.db_writes_per_request = 0.3;
                s.usage.side_effect_share = 0.01;
                s.usage.media_views_per_dau_per_day = 40.0;
                s.usage.media_kb = 400.0;
                s.usage.emails_per_mau_per_month = 2.0;
                s.data.uploads_mb_per_mau_per_month = 20.0;
                s.data.object_mb = 2.0;
                s.stack.extract_payments = false;
                s.stack.extract_media = true;
            }
            Preset::Marketplace => {
                s.growth.start_users = 1_500.0;
                s.growth.monthly_rate = 0.15;
                s.growth.monthly_churn = 0.03;
                s.growth.mau_share = 0.5;
                s.growth.dau_share = 0.2;
                s.revenue.paying_share = 0.05;
                s.revenue.users_per_customer = 1.0;
                s.revenue.arpa_usd_per_month = 30.0;
                s.usage.requests_per_dau_per_day = 200.0;
                s.usage.search_requests_per_dau_per_day = 6.0;
                s.usage.media_views_per_dau_per_day = 20.0;
                s.usage.media_kb = 250.0;
                s.data.uploads_mb_per_mau_per_month = 5.0;
                s.stack.extract_search = true;
            }
            Preset::AiProduct => {
                s.growth.start_users = 500.0;
                s.growth.mode = GrowthMode::PerStage;
                s.growth.stage_rates = [0.25, 0.20, 0.12, 0.06, 0.03];
                s.growth.mau_share = 0.5;
                s.growth.dau_share = 0.3;
                s.revenue.paying_share = 0.08;
                s.revenue.users_per_customer = 1.0;
                s.revenue.arpa_usd_per_month = 30.0;
                s.revenue.billing_share = 1.0;
                s.usage.requests_per_dau_per_day = 60.0;
                s.usage.app_cpu_ms_per_request = 40.0;
                s.usage.ai_tokens_per_dau_per_day = 20_000.0;
                s.usage.ai_usd_per_million_tokens = 0.30;
                s.stack.extract_payments = false;
            }
            Preset::Fintech => {
                s.growth.start_users = 1_000.0;
                s.growth.monthly_rate = 0.10;
                s.growth.monthly_churn = 0.01;
                s.growth.mau_share = 0.7;
                s.growth.dau_share = 0.35;
                s.revenue.paying_share = 0.2;
                s.revenue.users_per_customer = 1.0;
                s.revenue.arpa_usd_per_month = 40.0;
                s.usage.db_writes_per_request = 1.5;
                s.usage.db_write_ms = 4.0;
                s.usage.side_effect_ms = 600.0;
                s.usage.side_effect_share = 0.05;
                s.thresholds.p95_slo_ms = 300.0;
                s.stack.ha_from_stage = Stage::ProductMarketFit;
            }
        }
        s
    }
}

impl Default for Scenario {
    /// The built-in default scenario: the B2B SaaS preset.
    fn default() -> Self {
        Preset::B2bSaas.scenario()
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Preset {
    type Err = Error;
    /// ```
    /// use headroom_models::Preset;
    /// assert_eq!("fintech".parse::<Preset>().unwrap(), Preset::Fintech);
    /// assert_eq!("saas".parse::<Preset>().unwrap_err().field, "preset");
    /// ```
    fn from_str(s: &str) -> Result<Preset, Error> {
        Preset::ALL
            .into_iter()
            .find(|p| p.id() == s)
            .ok_or_else(|| {
                let ids: Vec<&str> = Preset::ALL.iter().map(|p| p.id()).collect();
                Error::invalid("preset", s, format!("one of {}", ids.join(", ")))
            })
    }
}
