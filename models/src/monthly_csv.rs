//! The monthly CSV: one row per month with every figure a spreadsheet needs,
//! one column per cost line item, the unit in every header that has one. The
//! one definition of the file: `headroom project --format csv` writes it and
//! the app exports it, byte for byte the same.

use std::fmt::Write as _;

use crate::format::plain as num;
use crate::projection::{CostItem, Month, Projection};
use crate::wire;

/// A column: its header (with its unit) and its cell in a month.
struct Column {
    header: &'static str,
    cell: fn(&Month) -> String,
}

fn opt(v: Option<f64>) -> String {
    v.map_or(String::new(), num)
}

/// Every column before the cost line items, in order.
const FIGURES: &[Column] = &[
    Column {
        header: "month",
        cell: |m| m.month.to_string(),
    },
    Column {
        header: "stage",
        cell: |m| wire::name(&m.stage),
    },
    Column {
        header: "registered",
        cell: |m| num(m.registered),
    },
    Column {
        header: "mau",
        cell: |m| num(m.mau),
    },
    Column {
        header: "dau",
        cell: |m| num(m.dau),
    },
    Column {
        header: "customers",
        cell: |m| num(m.customers),
    },
    Column {
        header: "revenue_usd",
        cell: |m| num(m.revenue_usd),
    },
    Column {
        header: "engineers",
        cell: |m| num(m.engineers),
    },
    Column {
        header: "peak_rps",
        cell: |m| num(m.peak_rps),
    },
    Column {
        header: "db_reads_per_s",
        cell: |m| num(m.db_reads_per_s),
    },
    Column {
        header: "db_writes_per_s",
        cell: |m| num(m.db_writes_per_s),
    },
    Column {
        header: "db_storage_gb",
        cell: |m| num(m.db_storage_gb),
    },
    Column {
        header: "object_storage_gb",
        cell: |m| num(m.object_storage_gb),
    },
    Column {
        header: "egress_origin_gb",
        cell: |m| num(m.egress_gb.origin),
    },
    Column {
        header: "egress_cdn_gb",
        cell: |m| num(m.egress_gb.cdn),
    },
    Column {
        header: "api_p95_ms",
        cell: |m| opt(m.api_p95_ms),
    },
    Column {
        header: "app_sku",
        cell: |m| m.tiers.app.sku.to_string(),
    },
    Column {
        header: "app_count",
        cell: |m| m.tiers.app.count.to_string(),
    },
    Column {
        header: "app_utilization_share",
        cell: |m| num(m.tiers.app.utilization),
    },
    Column {
        header: "app_p95_ms",
        cell: |m| opt(m.tiers.app.p95_ms),
    },
    Column {
        header: "db_sku",
        cell: |m| m.tiers.db.sku.to_string(),
    },
    Column {
        header: "db_count",
        cell: |m| m.tiers.db.count.to_string(),
    },
    Column {
        header: "db_replicas",
        cell: |m| m.tiers.db.replicas.to_string(),
    },
    Column {
        header: "db_shards",
        cell: |m| m.tiers.db.shards.to_string(),
    },
    Column {
        header: "db_multi_az",
        cell: |m| m.tiers.db.multi_az.to_string(),
    },
    Column {
        header: "db_utilization_share",
        cell: |m| num(m.tiers.db.utilization),
    },
    Column {
        header: "db_p95_ms",
        cell: |m| opt(m.tiers.db.p95_ms),
    },
    Column {
        header: "db_connections",
        cell: |m| num(m.tiers.db.connections),
    },
    Column {
        header: "cache_sku",
        cell: |m| {
            m.tiers
                .cache
                .as_ref()
                .map_or(String::new(), |c| c.sku.to_string())
        },
    },
    Column {
        header: "cache_count",
        cell: |m| {
            m.tiers
                .cache
                .as_ref()
                .map_or("0".into(), |c| c.count.to_string())
        },
    },
    Column {
        header: "worker_count",
        cell: |m| {
            m.tiers
                .workers
                .as_ref()
                .map_or("0".into(), |w| w.count.to_string())
        },
    },
    Column {
        header: "cdn",
        cell: |m| m.tiers.cdn.to_string(),
    },
];

/// Every column after the cost line items.
const TOTALS: &[Column] = &[
    Column {
        header: "total_usd",
        cell: |m| num(m.total_usd),
    },
    Column {
        header: "payment_fees_usd",
        cell: |m| num(m.payment_fees_usd),
    },
    Column {
        header: "infrastructure_usd",
        cell: |m| num(m.infrastructure_usd),
    },
    Column {
        header: "infrastructure_per_customer_usd",
        cell: |m| opt(m.infrastructure_per_customer_usd),
    },
    Column {
        header: "committed_usd",
        cell: |m| num(m.commitment.committed_usd),
    },
    Column {
        header: "commitment_savings_usd",
        cell: |m| num(m.commitment.savings_usd),
    },
    Column {
        header: "cost_per_customer_usd",
        cell: |m| opt(m.cost_per_customer_usd),
    },
    Column {
        header: "cost_per_mau_usd",
        cell: |m| opt(m.cost_per_mau_usd),
    },
    Column {
        header: "cost_share_of_revenue",
        cell: |m| opt(m.cost_share_of_revenue),
    },
];

/// The CSV of a projection (no cell needs quoting: SKU ids and stage names
/// hold no commas, quotes or line breaks).
///
/// ```
/// use headroom_models::{monthly_csv, project, Scenario};
/// let p = project(&Scenario::default());
/// let csv = monthly_csv(&p);
/// assert_eq!(csv.lines().count(), p.months.len() + 1);
/// let header = csv.lines().next().unwrap();
/// assert!(header.starts_with("month,stage,registered,mau,"));
/// assert!(header.contains(",cost_payments_usd,") && header.ends_with(",cost_share_of_revenue"));
/// ```
pub fn monthly_csv(p: &Projection) -> String {
    let mut out = String::new();
    let headers = FIGURES
        .iter()
        .map(|c| c.header.to_owned())
        .chain(
            CostItem::ALL
                .iter()
                .map(|i| format!("cost_{}_usd", i.name())),
        )
        .chain(TOTALS.iter().map(|c| c.header.to_owned()));
    out.push_str(&headers.collect::<Vec<_>>().join(","));
    out.push('\n');
    for m in &p.months {
        let cells = FIGURES
            .iter()
            .map(|c| (c.cell)(m))
            .chain(m.costs_usd.items().into_iter().map(|(_, v)| num(v)))
            .chain(TOTALS.iter().map(|c| (c.cell)(m)));
        let _ = writeln!(out, "{}", cells.collect::<Vec<_>>().join(","));
    }
    out
}
