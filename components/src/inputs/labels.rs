//! Words for the model's inputs: a label and a one-line hint for each dotted name.
//!
//! The names, units and ranges come from the model's tables
//! ([`ScenarioInput::numeric_inputs`](headroom_models::ScenarioInput::numeric_inputs)
//! and `word_inputs`); this table only adds the words people read. A test fails
//! when an input of the model has no label here.

/// The group an input belongs to, in the order the editor shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Growth,
    Usage,
    Data,
    Revenue,
    Stack,
    Thresholds,
}

impl Group {
    /// Every group, in display order.
    pub const ALL: [Group; 6] = [
        Group::Growth,
        Group::Usage,
        Group::Data,
        Group::Revenue,
        Group::Stack,
        Group::Thresholds,
    ];

    /// The group's heading.
    pub fn title(self) -> &'static str {
        match self {
            Group::Growth => "Growth",
            Group::Usage => "Usage",
            Group::Data => "Data",
            Group::Revenue => "Revenue",
            Group::Stack => "Stack and prices",
            Group::Thresholds => "Thresholds",
        }
    }

    /// A stable id for element ids and test hooks.
    pub fn id(self) -> &'static str {
        match self {
            Group::Growth => "growth",
            Group::Usage => "usage",
            Group::Data => "data",
            Group::Revenue => "revenue",
            Group::Stack => "stack",
            Group::Thresholds => "thresholds",
        }
    }

    /// The group of a dotted input name (`horizon_months` and `name` are Growth).
    pub fn of(name: &str) -> Group {
        match name.split('.').next().unwrap_or("") {
            "usage" => Group::Usage,
            "data" => Group::Data,
            "revenue" => Group::Revenue,
            "stack" => Group::Stack,
            "thresholds" => Group::Thresholds,
            _ => Group::Growth,
        }
    }
}

/// The label and hint of an input, or `None` for a name the table lacks.
pub fn label(name: &str) -> Option<(&'static str, &'static str)> {
    LABELS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|&(_, label, hint)| (label, hint))
}

/// (dotted name, label, hint).
const LABELS: &[(&str, &str, &str)] = &[
    ("name", "Scenario name", "Shown in the heading, links and saved scenarios."),
    ("horizon_months", "Horizon", "How many months to project."),
    ("growth.mode", "Growth model", "Compound: a steady rate. Logistic: slows toward a ceiling. Per stage: a rate for each stage."),
    ("growth.start_users", "Registered users at month 0", "Everyone with an account when the projection starts."),
    ("growth.monthly_rate", "Monthly growth rate", "New registered users per month as a share of the current total: 0.12 is 12%."),
    ("growth.ceiling_users", "Ceiling (logistic)", "The registered users the market can hold; used by logistic growth."),
    ("growth.stage_rates.0", "Growth in MVP (per stage)", "Monthly rate while in the MVP stage; used by per-stage growth."),
    ("growth.stage_rates.1", "Growth in product-market fit (per stage)", "Monthly rate in the product-market fit stage."),
    ("growth.stage_rates.2", "Growth in early scale (per stage)", "Monthly rate in the early scale stage."),
    ("growth.stage_rates.3", "Growth in scaling (per stage)", "Monthly rate in the scaling stage."),
    ("growth.stage_rates.4", "Growth in enterprise (per stage)", "Monthly rate in the enterprise stage."),
    ("growth.monthly_churn", "Monthly churn", "Share of registered users lost each month."),
    ("growth.mau_share", "Monthly active share", "Share of registered users active in a month (MAU)."),
    ("growth.dau_share", "Daily active share", "Share of MAU active on a given day (DAU/MAU)."),
    ("growth.team_start_engineers", "Engineers at month 0", "Team size; rules of thumb for service extraction read it."),
    ("growth.engineers_hired_per_month", "Engineers hired per month", "Net hires each month."),
    ("revenue.paying_share", "Paying share", "Share of MAU who are on a paying account."),
    ("revenue.users_per_customer", "Users per customer account", "Seats per paying account (1 for consumer products)."),
    ("revenue.arpa_usd_per_month", "Revenue per account", "Average revenue per paying account each month."),
    ("revenue.billing_share", "Billed by subscription", "Share of revenue billed through a subscription billing product, which takes its own share (Stripe Billing: 0.7%)."),
    ("revenue.international_card_share", "International cards", "Share of card revenue on cards issued abroad, which pay a surcharge (Stripe: +1.5%)."),
    ("revenue.ach_above_arpa_usd", "ACH from revenue per account", "Accounts paying at least this much a month pay by bank debit (ACH, a capped fee) instead of card; 0 for never."),
    ("usage.requests_per_dau_per_day", "API requests per DAU", "Requests an active user makes on an average day."),
    ("usage.peak_to_average", "Peak-to-average ratio", "Busiest-hour traffic over the daily average."),
    ("usage.app_cpu_ms_per_request", "App CPU per request", "CPU time the app server spends on one request."),
    ("usage.db_reads_per_request", "Database reads per request", "Queries that read, per API request."),
    ("usage.db_writes_per_request", "Database writes per request", "Queries that write, per API request."),
    ("usage.db_read_ms", "Database CPU per read", "Core-milliseconds one read costs the database."),
    ("usage.db_write_ms", "Database CPU per write", "Core-milliseconds one write costs the database."),
    ("usage.side_effect_ms", "Slow side effect time", "Time an inline email, webhook or file job takes."),
    ("usage.side_effect_share", "Requests with a side effect", "Share of requests that trigger one."),
    ("usage.jobs_per_dau_per_day", "Background jobs per DAU", "Jobs queued per active user per day."),
    ("usage.job_cpu_ms", "CPU per job", "Worker CPU time one job takes."),
    ("usage.cacheable_read_share", "Cacheable reads", "Share of reads a cache could serve."),
    ("usage.cache_hit_ratio", "Cache hit ratio", "Share of cacheable reads the cache serves once it exists."),
    ("usage.response_kb", "API response size", "Average bytes sent per API response."),
    ("usage.outbound_kb_per_request", "Outbound calls per request", "Bytes each API request sends to outside services (payment, email and other APIs) through the NAT gateway; 0 for none."),
    ("usage.page_views_per_dau_per_day", "Page views per DAU", "Pages (static assets) an active user loads per day."),
    ("usage.page_kb", "Page weight", "Static assets per page view."),
    ("usage.media_views_per_dau_per_day", "Media views per DAU", "Images or video an active user loads per day."),
    ("usage.media_kb", "Media size", "Average size of one media view."),
    ("usage.cdn_hit_ratio", "CDN hit ratio", "Share of CDN traffic served from the edge."),
    ("usage.emails_per_mau_per_month", "Emails per MAU", "Transactional emails per monthly active user."),
    ("usage.search_requests_per_dau_per_day", "Searches per DAU", "Search queries per active user per day."),
    ("usage.ai_tokens_per_dau_per_day", "AI tokens per DAU", "Model tokens per active user per day."),
    ("usage.ai_usd_per_million_tokens", "AI price", "Blended price of a million tokens."),
    ("usage.far_users_share", "Far-away users", "Share of users on another continent from the home region."),
    ("usage.far_users_rtt_ms", "Round trip to far users", "Network round trip from the home region to them."),
    ("data.db_start_gb", "Database size at month 0", "Data already in the database."),
    ("data.rows_per_dau_per_day", "Rows written per DAU", "New rows per active user per day."),
    ("data.bytes_per_row", "Bytes per row", "Average row size before indexes."),
    ("data.index_overhead", "Index overhead", "Storage multiplier for indexes (1.5 = 50% more)."),
    ("data.hot_set", "Hot data is", "What must sit in the database's memory: the recent writes of active users, or a share of all data (scenarios made before December 2026)."),
    ("data.hot_days", "Days of writes kept hot", "With recent writes: how many days of the active users' writes are read often enough to want them in memory."),
    ("data.hot_share", "Hot data share", "With a share of all data: the share read often enough to want it in memory."),
    ("data.cached_kb_per_dau", "Cache per DAU", "Cache memory each daily user's data takes."),
    ("data.uploads_mb_per_mau_per_month", "Uploads per MAU", "Object storage added per monthly user."),
    ("data.object_mb", "Object size", "Average size of one stored object."),
    ("data.cold_after_months", "Move objects to infrequent access after", "Months after upload a lifecycle rule moves objects to the cheaper infrequent-access tier (retrievals are billed); 0 for never."),
    ("stack.catalog", "Price catalog", "The dated price list the scenario is costed with."),
    ("stack.app_sku", "App server size", "The instance type app servers run on."),
    ("stack.min_app_instances", "Minimum app servers", "Never fewer than this many."),
    ("stack.app_pool_size", "Connections per app server", "Database pool size of each app server."),
    ("stack.worker_pool_size", "Connections per worker", "Database pool size of each worker."),
    ("stack.extra_regions", "Extra regions", "Regions added besides home once multi-region is adopted (when the rule of thumb or the model calls for it)."),
    ("stack.root_volume_gb", "Root volume per instance", "Boot disk of each app server, worker and pooler (8 GB: the Amazon Linux default)."),
    ("stack.backup_retention_days", "Backup retention", "Days of automated database backups kept; one copy of the database is free, what was written during the retention is billed."),
    ("stack.ha_from_stage", "High availability from", "The stage from which the database runs Multi-AZ."),
    ("stack.commitment", "Commitment", "Buy the always-on baseline of servers, databases and caches as reserved capacity (no upfront); the peaks stay on demand. RDS has no three-year no-upfront term: its one-year price applies."),
    ("stack.adopt", "Adopt changes when", "Which signal makes the projection adopt a change: either, only the model, only the rule of thumb."),
    ("stack.extract_payments", "Extract payments service", "Allow extracting payments when the rules call for it."),
    ("stack.extract_search", "Extract search service", "Allow extracting search when the rules call for it."),
    ("stack.extract_media", "Extract media service", "Allow extracting media when the rules call for it."),
    ("stack.private_subnets", "Private subnets", "Instances run in private subnets and reach the internet through a NAT gateway in each availability zone."),
    ("thresholds.target_utilization", "Target utilisation", "Size app servers and workers to run at most this busy."),
    ("thresholds.db_target_utilization", "Database target utilisation", "Size the database to run at most this busy."),
    ("thresholds.p95_slo_ms", "p95 latency objective", "The API's 95th-percentile latency target."),
    ("thresholds.stage_mau.0", "Product-market fit from", "MAU at which the MVP stage ends."),
    ("thresholds.stage_mau.1", "Early scale from", "MAU at which early scale begins."),
    ("thresholds.stage_mau.2", "Scaling from", "MAU at which scaling begins."),
    ("thresholds.stage_mau.3", "Enterprise from", "MAU at which enterprise begins."),
    ("thresholds.cache_dau", "Cache from (rule of thumb)", "DAU at which the rule of thumb calls for a cache."),
    ("thresholds.cdn_dau", "CDN from (rule of thumb)", "DAU at which the rule of thumb calls for a CDN."),
    ("thresholds.replica_db_cpu", "Read replica at database CPU", "Database utilisation that calls for a replica."),
    ("thresholds.replica_read_share", "Read replica at read share", "Share of queries that are reads, for the replica rule."),
    ("thresholds.jobs_side_effect_ms", "Background jobs at side effect", "Inline side-effect time that calls for background jobs."),
    ("thresholds.extraction_dau", "Service extraction from (DAU)", "DAU at which the rule of thumb allows extracting a service."),
    ("thresholds.team_engineers", "Service extraction from (team)", "Team size at which extraction pays off."),
    ("thresholds.shard_db_gb", "Shard at database size", "Database size that calls for sharding."),
    ("thresholds.multi_region_dau", "Second region from (DAU)", "DAU at which the rule of thumb calls for a region."),
    ("thresholds.multi_region_far_share", "Second region at far share", "Share of far-away users for the region rule."),
    ("thresholds.pooler_connections", "Pooler at connections", "Database connections that call for a pooler."),
];

#[cfg(test)]
mod tests {
    use super::*;
    use headroom_models::Scenario;

    /// Every input the model lists has a label (an input added to the model but
    /// not here fails), and the table holds no name the model does not know.
    #[test]
    fn every_input_of_the_model_has_a_label_and_no_label_is_stale() {
        let input = Scenario::default().input().clone();
        let mut names: Vec<&str> = input.numeric_inputs().iter().map(|i| i.name).collect();
        names.extend(input.word_inputs().iter().map(|i| i.name));
        for name in &names {
            let (label, hint) = label(name).unwrap_or_else(|| panic!("no label for {name}"));
            assert!(!label.is_empty() && hint.ends_with('.'), "{name}");
        }
        for (name, _, _) in LABELS {
            assert!(names.contains(name), "label for unknown input {name}");
        }
    }

    #[test]
    fn groups_follow_the_dotted_prefix() {
        assert_eq!(Group::of("horizon_months"), Group::Growth);
        assert_eq!(Group::of("stack.adopt"), Group::Stack);
        assert_eq!(Group::of("thresholds.stage_mau.0"), Group::Thresholds);
        assert_eq!(Group::of("data.object_mb"), Group::Data);
    }
}
