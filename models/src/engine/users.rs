//! Users, customers and revenue: the growth of registered users month by month
//! (docs/MODEL.md, "Growth") and the shares that follow from them.

use super::context::Context;
use super::state::{Log, World};
use crate::projection::WarningKind;
use crate::scenario::{GrowthMode, Stage, MAX_USERS};

/// Who uses the product in a month.
#[derive(Debug, Clone, Copy)]
pub(super) struct People {
    pub registered: f64,
    pub mau: f64,
    pub dau: f64,
    pub customers: f64,
    pub revenue_usd: f64,
    pub engineers: f64,
    pub stage: Stage,
}

/// Grow the registered users from last month to month `t` (month 0 is the start).
pub(super) fn grow(cx: &Context, world: &mut World, log: &mut Log) {
    if log.month == 0 {
        return;
    }
    let g = &cx.input.growth;
    let u = world.registered;
    let rate = match g.mode {
        GrowthMode::Compound => g.monthly_rate,
        GrowthMode::Logistic => g.monthly_rate * (1.0 - u / g.ceiling_users),
        GrowthMode::PerStage => {
            let stage = Stage::of(u * g.mau_share, &cx.input.thresholds.stage_mau);
            g.stage_rates[stage.index()]
        }
    };
    let next = (u + rate * u - g.monthly_churn * u).max(0.0);
    if next > MAX_USERS {
        log.warn(WarningKind::UserCeiling, || {
            "registered users reached the model's ceiling of 10 billion; growth stops there"
                .to_owned()
        });
    }
    world.registered = next.min(MAX_USERS);
}

/// The month's users, customers, revenue and team from the registered users.
pub(super) fn people(cx: &Context, world: &World, t: u32) -> People {
    let i = cx.input;
    let g = &i.growth;
    let registered = world.registered;
    let mau = registered * g.mau_share;
    let customers = mau * i.revenue.paying_share / i.revenue.users_per_customer;
    People {
        registered,
        mau,
        dau: mau * g.dau_share,
        customers,
        revenue_usd: customers * i.revenue.arpa_usd_per_month,
        engineers: g.team_start_engineers + g.engineers_hired_per_month * f64::from(t),
        stage: Stage::of(mau, &i.thresholds.stage_mau),
    }
}
