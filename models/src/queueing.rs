//! M/M/c (Erlang C) latency for the app tier and the database.
//!
//! A tier is `c` identical servers (cores) fed by one FIFO queue. Requests arrive as a
//! Poisson stream of `lambda` per second and each takes an exponentially distributed
//! service time with mean `service_ms`. With `mu = 1000 / service_ms` (per second):
//!
//! * offered load `A = lambda / mu` erlangs, utilization `rho = A / c`;
//! * `C(c, A)`, the Erlang C probability that a request has to wait;
//! * `P(wait > t) = C * exp(-(c*mu - lambda) * t)`;
//! * `p95_wait = max(0, ln(C / 0.05) / (c*mu - lambda))` seconds;
//! * `p95_response = p95_wait + service_ms * ln(20)` (the model spec adds the p95 of the
//!   exponential service time to the p95 wait);
//! * `mean_response = C / (c*mu - lambda) + service` (ms in [`Latency::Stable`]).
//!
//! `rho >= 1` has no steady state: the queue grows without bound and [`mmc`] reports
//! [`Latency::Saturated`], never a number.
//!
//! # Numerics
//!
//! `C` is computed from Erlang B with the stable recursion of the spec,
//! `B(0) = 1, B(k) = A*B(k-1) / (k + A*B(k-1))`, then `C = c*B / (c - A*(1 - B))`.
//! It runs in the algebraically identical inverse form `x(k) = 1/B(k) = 1 + (k/A) x(k-1)`,
//! four steps fused per update (one multiply-add per four steps on the dependency chain,
//! no divide). No factorials or powers: nothing overflows and no precision is lost for
//! c = 1 .. 10,000 (or any `u32`). Over every c = 1 .. 10,000 at 22 utilizations it
//! agrees with the spec's recursion run verbatim to 3e-13 relative. Shortcuts, all
//! exact (proofs at the private `recursion_start`, `inverse_erlang_b` and
//! `ln_erlang_b_upper`, and in `mmc`; the tests compare them bit for bit with the same
//! recursion run in full):
//!
//! * the recursion starts at `k0 = floor(m - sqrt(120 m) - 2)`, `m = min(A, c)`, instead
//!   of 0: what the steps below `k0` contribute is provably below 2^-67 of the result,
//!   under half an ulp;
//! * it stops as soon as `x` is `+inf` (then `B = 0` and stays 0);
//! * in [`mmc`] it also stops once the wait is provably below half an ulp of the service
//!   time (`x > 2^60 / ((1 - rho)^2 c)`), where p95 and mean no longer change;
//! * in [`mmc`], from 64 servers, Robbins' bounds on factorials give an O(1) upper bound
//!   of `ln B`; when it is already past that point the recursion is skipped altogether.
//!   In both [`mmc`] cases `wait_probability` is an upper bound of `C`.
//!
//! Steps run: at most `c - k0`, and the loop also ends when `B` underflows to 0, so
//! about `min(c, c - A + 11 sqrt(A), 50 sqrt(A))`; no allocation.
//!
//! # Measured cost
//!
//! `cargo bench -p headroom-models --bench queueing` measures one call at 2, 64, 1,000
//! and 10,000 servers at rho 0.5, 0.9 and 0.99; the figures are in docs/BENCHMARKS.md.
//! The four-step blocks made the recursion about 1.8x faster than the one-step loop.

/// `ln(20)`: the 95th percentile of an exponential distribution is `ln(20)` times its mean.
pub const LN_20: f64 = 2.995_732_273_553_991;

/// Margin of the recursion shortcut: steps `k <= k0` are skipped only when
/// `(m - k0)^2 >= SKIP_MARGIN_SQ * m`, `m = min(A, c)` (see [`recursion_start`]).
const SKIP_MARGIN_SQ: f64 = 120.0;

/// Steps of the Erlang B recursion fused into one update (see [`inverse_erlang_b`]).
const BLOCK: u32 = 4;

/// Result of an M/M/c evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Latency {
    /// Stable queue (rho < 1).
    Stable {
        /// 95th percentile response time (wait + service), in milliseconds.
        p95_ms: f64,
        /// Erlang C: probability that a request waits at all (0 ..= 1).
        wait_probability: f64,
        /// Mean response time (mean wait + mean service), in milliseconds.
        mean_response_ms: f64,
    },
    /// rho >= 1: the queue grows without bound. No latency figure exists.
    Saturated {
        /// Offered load per server, `A / c` (>= 1, finite). With zero servers it is
        /// reported as if there were one server, floored at 1: `max(A, 1)`.
        utilization: f64,
    },
}

impl Latency {
    /// The 95th percentile response time in milliseconds; `None` when saturated.
    #[must_use]
    pub fn p95_ms(&self) -> Option<f64> {
        match *self {
            Latency::Stable { p95_ms, .. } => Some(p95_ms),
            Latency::Saturated { .. } => None,
        }
    }

    /// Whether the queue is unstable (rho >= 1), i.e. no latency figure exists.
    #[must_use]
    pub fn is_saturated(&self) -> bool {
        matches!(self, Latency::Saturated { .. })
    }
}

/// Erlang B blocking probability, iterative, stable for large servers.
///
/// `B(servers, A)`: the probability that all `servers` are busy in a loss system offered
/// `offered_erlangs`. `servers == 0` gives 1 (the recursion's `B(0) = 1`); a negative or
/// NaN load is treated as 0 (giving 0 for `servers >= 1`), `+inf` as `f64::MAX`.
#[must_use]
pub fn erlang_b(servers: u32, offered_erlangs: f64) -> f64 {
    let a = sanitize(offered_erlangs);
    if servers == 0 {
        return 1.0;
    }
    if a == 0.0 {
        return 0.0;
    }
    1.0 / inverse_erlang_b(servers, a, f64::INFINITY)
}

/// Erlang C probability of waiting; 1.0 when offered >= servers.
///
/// `C(servers, A)` in `[0, 1]`, never below [`erlang_b`] for the same arguments.
/// `servers == 0` gives 1; a negative or NaN load is treated as 0 (giving 0),
/// `+inf` as `f64::MAX` (giving 1).
#[must_use]
pub fn erlang_c(servers: u32, offered_erlangs: f64) -> f64 {
    let a = sanitize(offered_erlangs);
    let c = f64::from(servers);
    if a >= c {
        return 1.0;
    }
    if a == 0.0 {
        return 0.0;
    }
    wait_probability(1.0 / inverse_erlang_b(servers, a, f64::INFINITY), a / c)
}

/// M/M/c latency for `servers` cores at `arrivals_per_s` with `service_ms` mean service time.
///
/// Every output is finite and never NaN:
///
/// * negative or NaN `arrivals_per_s` / `service_ms` are treated as 0, `+inf` as
///   `f64::MAX` (the caller validates; this only guarantees no NaN escapes);
/// * `servers == 0` is always [`Latency::Saturated`] (nothing can be served, not even
///   one request), with `utilization = max(A, 1)`: the load as if on one server,
///   floored at 1 so that `Saturated` always carries a utilization >= 1;
/// * `rho >= 1` is [`Latency::Saturated`] with `utilization = rho`;
/// * otherwise no load (`arrivals_per_s == 0` or `service_ms == 0`) is `Stable` with
///   `wait_probability = 0`, `p95_ms = service_ms * ln 20` (0 when `service_ms == 0`) and
///   `mean_response_ms = service_ms`;
/// * results beyond `f64::MAX` (absurd inputs only) are reported as `f64::MAX`.
#[must_use]
pub fn mmc(servers: u32, arrivals_per_s: f64, service_ms: f64) -> Latency {
    let lambda = sanitize(arrivals_per_s);
    let service_ms = sanitize(service_ms);
    // A = lambda / mu with mu = 1000 / service_ms. May be +inf for absurd inputs,
    // which is then saturated; never NaN (both factors are finite and >= 0).
    let a = lambda * service_ms / 1000.0;
    if servers == 0 {
        return Latency::Saturated {
            utilization: at_most_max(a.max(1.0)),
        };
    }
    let c = f64::from(servers);
    if a >= c {
        return Latency::Saturated {
            utilization: at_most_max(a / c),
        };
    }
    if a == 0.0 {
        return Latency::Stable {
            p95_ms: at_most_max(service_ms * LN_20),
            wait_probability: 0.0,
            mean_response_ms: service_ms,
        };
    }
    // Once x = 1/B exceeds 2^60 / ((1 - rho)^2 c): C <= B / (1 - rho) is below
    // 2^-60 (1 - rho) c, so the mean wait C / (c - A) * service = C / ((1 - rho) c) *
    // service is below 2^-60 * service, under half an ulp of the service time, and
    // 20 C < 20 * 2^-60 (1 - rho) c < 1 while (1 - rho) c < 2^55 (always, for u32 c):
    // no p95 wait. Both outputs then equal the full recursion's bit for bit, and the
    // recursion may stop. `wait_probability` is then an upper bound of C below
    // 2^-60 (1 - rho) c.
    let rho = a / c;
    let stop_above = 2f64.powi(60) / ((1.0 - rho) * (1.0 - rho) * c);
    // Many servers at moderate load: when a rigorous upper bound of B is already
    // below 1 / stop_above, the outcome is known without the recursion (O(1)).
    // Below 64 servers the recursion is cheaper than the bound's logarithms.
    let ln_b_bound = if servers >= 64 {
        ln_erlang_b_upper(servers, a)
    } else {
        0.0
    };
    if servers >= 64 && ln_b_bound + LN_BOUND_MARGIN < -stop_above.ln() {
        return Latency::Stable {
            p95_ms: at_most_max(service_ms * LN_20),
            wait_probability: ln_b_bound.exp() / (1.0 - rho),
            mean_response_ms: service_ms,
        };
    }
    let wait_probability = wait_probability(1.0 / inverse_erlang_b(servers, a, stop_above), rho);
    // 1000 / (c*mu - lambda) in ms == service_ms / (c - A); c - A > 0 here.
    let wait_scale_ms = service_ms / (c - a);
    // p95 wait = ln(C / 0.05) / (c*mu - lambda) when C > 0.05, else 0.
    let twenty_c = 20.0 * wait_probability;
    let p95_wait_ms = if twenty_c > 1.0 {
        twenty_c.ln() * wait_scale_ms
    } else {
        0.0
    };
    let mean_wait_ms = if wait_probability > 0.0 {
        wait_probability * wait_scale_ms
    } else {
        0.0
    };
    Latency::Stable {
        p95_ms: at_most_max(p95_wait_ms + service_ms * LN_20),
        wait_probability,
        mean_response_ms: at_most_max(mean_wait_ms + service_ms),
    }
}

/// Little's law: mean number in the system for an arrival rate and a mean time in ms.
///
/// `L = lambda * W`: `arrivals_per_s * time_ms / 1000`. Negative or NaN inputs count as 0,
/// `+inf` as `f64::MAX`; the result is finite (at most `f64::MAX`).
#[must_use]
pub fn in_flight(arrivals_per_s: f64, time_ms: f64) -> f64 {
    at_most_max(sanitize(arrivals_per_s) * sanitize(time_ms) / 1000.0)
}

/// Inputs: NaN and negatives become 0, `+inf` becomes `f64::MAX`; the result is finite, >= 0.
fn sanitize(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        0.0
    } else {
        x.min(f64::MAX)
    }
}

/// Clamp a non-negative, non-NaN result to a finite value.
fn at_most_max(x: f64) -> f64 {
    debug_assert!(!x.is_nan() && x >= 0.0);
    x.min(f64::MAX)
}

/// Erlang C from Erlang B: `C = c*B / (c - A*(1 - B)) = B / (1 - rho*(1 - B))`.
///
/// Written with `rho` so that the divisor is `<= 1` exactly in floating point, hence
/// `C >= B` holds bit-for-bit; `rho < 1` keeps the divisor `>= 1 - rho > 0`.
fn wait_probability(b: f64, rho: f64) -> f64 {
    (b / (1.0 - rho * (1.0 - b))).min(1.0)
}

/// First index of the Erlang B recursion that can affect the result in `f64`.
///
/// In inverse form the recursion is affine: `x(k) = 1 + (k/A) x(k-1)`, `x = 1/B`. Starting
/// at `k0` from `x(k0) = 1` (the value `B(k0) = 1`) instead of the true `x(k0) >= 1`
/// lowers `x(c)` by `x(k0) * prod_{k0<k<=c} k/A`, which relative to `x(c)` is exactly
/// `S(k0) / S(c)` with `S(n) = sum_{j<=n} A^j/j!`, i.e. `P(X <= k0) / P(X <= c)` for
/// `X ~ Poisson(A)`. With `m = min(A, c)` and `k0 = floor(m - sqrt(120 m) - 2)`:
///
/// * `A < c`. Chernoff: `P(X <= k0) <= exp(-g)`, `g = A - k0 - k0 ln(A/k0) >=
///   (A - k0)^2 / (2A) >= 60` (from `(1-d) ln(1-d) >= -d + d^2/2`). And
///   `P(X <= c) >= P(X = n)`, `n = floor(A) >= 1`, which by `n! <= e n^(n+1/2) e^-n` is
///   `>= e^-2 / sqrt(n) >= e^-2 / 2^16` for any `u32` server count. Ratio `< e^-46.9`.
/// * `A >= c`. `P(X = j) / P(X = c) = prod_{j<i<=c} i/A <= prod i/c <= exp(-d(d-1)/(2c))`
///   with `d = c - j`; summed over `d >= d0 = c - k0` (consecutive terms shrink by
///   `exp(-d0/c)`), the ratio is `<= e^-60 / (1 - exp(-d0/c)) < e^-60 * 12,000 < e^-50`.
///
/// Either way the relative change is below `2^-67`, far under half an ulp (`2^-53`):
/// skipping is exact, not an approximation (the tests also check it bit-for-bit against
/// the recursion run from 0). The `- 2` absorbs rounding in computing `k0`.
fn recursion_start(servers: u32, a: f64) -> u32 {
    let m = a.min(f64::from(servers));
    let k0 = m - (SKIP_MARGIN_SQ * m).sqrt() - 2.0;
    if k0 >= 1.0 {
        // 1 <= k0 < min(A, c), so it fits; `as` truncates, i.e. floors a positive value.
        k0 as u32
    } else {
        0
    }
}

/// Slack (in natural log) for rounding in [`ln_erlang_b_upper`]: its terms reach
/// about c ln c < 2^38 for u32 c, so their rounding error is far below 1e-3.
const LN_BOUND_MARGIN: f64 = 1.0;

/// A rigorous upper bound of `ln B(c, A)` for `0 < A < c`.
///
/// `B = P(c) / sum_{k<=c} P(k)` with Poisson terms `P(k) = A^k / k!`, and the sum
/// holds `P(m)` for `m = floor(A) <= c`, so `B <= P(c) / P(m)`, i.e.
/// `ln B <= (c - m) ln A - ln c! + ln m!`. Robbins' bounds on factorials,
/// `ln n! >= n ln n - n + ln(2 pi n) / 2 + 1 / (12 n + 1)` and
/// `ln n! <= n ln n - n + ln(2 pi n) / 2 + 1 / (12 n)` (n >= 1; `ln 0! = 0`), make
/// it computable in O(1).
fn ln_erlang_b_upper(servers: u32, a: f64) -> f64 {
    let c = f64::from(servers);
    let m = a.floor();
    let ln_fact_lower =
        |n: f64| n * n.ln() - n + 0.5 * (std::f64::consts::TAU * n).ln() + 1.0 / (12.0 * n + 1.0);
    let ln_fact_upper = |n: f64| {
        if n < 1.0 {
            0.0
        } else {
            n * n.ln() - n + 0.5 * (std::f64::consts::TAU * n).ln() + 1.0 / (12.0 * n)
        }
    };
    (c - m) * a.ln() - ln_fact_lower(c) + ln_fact_upper(m)
}

/// `1 / B(servers, a)` for `servers >= 1` and finite `a > 0`, in `[1, +inf]`.
///
/// Runs `x(k) = 1 + (k/A) x(k-1)` from [`recursion_start`] (rounded down to a multiple of
/// [`BLOCK`]) in blocks of four steps, `x(k+4) = p + q x(k)` with
/// `p = 1 + a4 (1 + a3 (1 + a2))`, `q = a1 a2 a3 a4`, `ai = (k+i)/A`: `p` and `q` do not
/// depend on `x`, so only one multiply-add per four steps is on the dependency chain.
/// The last `< 4` steps run one at a time.
///
/// `+inf` means `B` is below the smallest positive `f64`, i.e. `B = 0`: once `x` is
/// infinite every later step keeps it infinite (`p + q * inf = inf`; `q > 0` because the
/// block that overflowed had `q > 0` or `p = inf`, i.e. large `ai`, and later `ai` are
/// larger still), so stopping there is exact.
///
/// The recursion also stops once `x > stop_above` (`x` only grows from there on): the
/// result is then a lower bound of `1/B` above `stop_above`, for callers that only need
/// to know `B` is below `1 / stop_above`. Pass `+inf` for the exact value.
fn inverse_erlang_b(servers: u32, a: f64, stop_above: f64) -> f64 {
    let inv_a = 1.0 / a;
    let mut x = 1.0_f64;
    let mut k = recursion_start(servers, a) / BLOCK * BLOCK;
    while servers - k >= BLOCK {
        let a1 = f64::from(k + 1) * inv_a;
        let a2 = f64::from(k + 2) * inv_a;
        let a3 = f64::from(k + 3) * inv_a;
        let a4 = f64::from(k + 4) * inv_a;
        let p = 1.0 + a4 * (1.0 + a3 * (1.0 + a2));
        let q = (a1 * a2) * (a3 * a4);
        x = p + q * x;
        if x > stop_above || x == f64::INFINITY {
            return x;
        }
        k += BLOCK;
    }
    while k < servers {
        k += 1;
        x = 1.0 + (f64::from(k) * inv_a) * x;
    }
    x
}

#[cfg(test)]
mod tests {
    /// The O(1) bound behind mmc's fast path never falls below the true ln B.
    #[test]
    fn erlang_b_upper_bound_holds() {
        for servers in (1..=300).chain((301..20_000).step_by(211)) {
            for rho in [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99, 0.999] {
                let a = rho * f64::from(servers);
                let exact = erlang_b(servers, a);
                if exact > 0.0 {
                    let bound = ln_erlang_b_upper(servers, a);
                    assert!(
                        bound >= exact.ln() - 1e-9,
                        "c {servers} rho {rho}: bound {bound} < ln B {}",
                        exact.ln()
                    );
                }
            }
        }
    }

    /// Thousands of cores at 70% load take the O(1) path, with the exact outputs.
    #[test]
    fn many_servers_take_the_constant_time_path() {
        let (servers, service_ms) = (5_000u32, 12.0);
        let lambda = 0.7 * f64::from(servers) * 1000.0 / service_ms;
        let a = lambda * service_ms / 1000.0;
        let stop_above = 2f64.powi(60) / (0.3 * 0.3 * f64::from(servers));
        assert!(ln_erlang_b_upper(servers, a) + LN_BOUND_MARGIN < -stop_above.ln());
        let (p95, wp, mean) = stable(mmc(servers, lambda, service_ms));
        assert_eq!(p95.to_bits(), (service_ms * LN_20).to_bits());
        assert_eq!(mean.to_bits(), service_ms.to_bits());
        assert!(wp >= erlang_c(servers, a) && wp < 1e-100);
    }

    use super::*;
    use proptest::prelude::*;

    // ---------------------------------------------------------------- references

    /// The spec's recursion verbatim, all `servers` steps, no shortcut:
    /// `B(0) = 1, B(k) = A*B(k-1) / (k + A*B(k-1))`.
    fn erlang_b_spec(servers: u32, a: f64) -> f64 {
        let mut b = 1.0;
        for k in 1..=servers {
            let ab = a * b;
            b = ab / (f64::from(k) + ab);
        }
        b
    }

    /// The spec's Erlang C verbatim: `C = c*B / (c - A*(1 - B))`.
    fn erlang_c_spec(servers: u32, a: f64) -> f64 {
        let c = f64::from(servers);
        if a >= c {
            return 1.0;
        }
        let b = erlang_b_spec(servers, a);
        c * b / (c - a * (1.0 - b))
    }

    /// The inverse recursion of the module without either shortcut: the same blocks of
    /// four from k = 0 (so the same rounding), no late start, no early exit on +inf.
    fn inverse_erlang_b_unshortcut(servers: u32, a: f64) -> f64 {
        let inv_a = 1.0 / a;
        let mut x = 1.0_f64;
        let mut k = 0;
        while servers - k >= 4 {
            let a1 = f64::from(k + 1) * inv_a;
            let a2 = f64::from(k + 2) * inv_a;
            let a3 = f64::from(k + 3) * inv_a;
            let a4 = f64::from(k + 4) * inv_a;
            x = (1.0 + a4 * (1.0 + a3 * (1.0 + a2))) + (a1 * a2) * (a3 * a4) * x;
            k += 4;
        }
        while k < servers {
            k += 1;
            x = 1.0 + (f64::from(k) * inv_a) * x;
        }
        x
    }

    /// Erlang C from the unshortcut inverse recursion, same final formula as the module.
    fn erlang_c_unshortcut(servers: u32, a: f64) -> f64 {
        let c = f64::from(servers);
        if a >= c {
            return 1.0;
        }
        wait_probability(1.0 / inverse_erlang_b_unshortcut(servers, a), a / c)
    }

    /// The textbook factorial formula in f64, term by term (fine for c <= 50):
    /// `C = (A^c/c! * c/(c-A)) / (sum_{k<c} A^k/k! + A^c/c! * c/(c-A))`.
    fn erlang_c_factorial(servers: u32, a: f64) -> f64 {
        let c = f64::from(servers);
        let mut sum = 0.0;
        let mut term = 1.0; // A^k / k!
        for k in 0..servers {
            sum += term;
            term = term * a / f64::from(k + 1);
        }
        let top = term * c / (c - a);
        top / (sum + top)
    }

    /// Erlang B by the factorial formula: `(A^c/c!) / sum_{k<=c} A^k/k!`.
    fn erlang_b_factorial(servers: u32, a: f64) -> f64 {
        let mut sum = 0.0;
        let mut term = 1.0;
        for k in 0..servers {
            sum += term;
            term = term * a / f64::from(k + 1);
        }
        term / (sum + term)
    }

    fn rel_err(got: f64, want: f64) -> f64 {
        if got == want {
            0.0
        } else {
            (got - want).abs() / got.abs().max(want.abs())
        }
    }

    /// Relative closeness with an absolute floor of 1e-300 for values at the bottom of
    /// the f64 range (where one side may have underflowed to 0 and the other not yet).
    fn close(got: f64, want: f64, rel: f64) -> bool {
        (got - want).abs() <= rel * got.abs().max(want.abs()) + 1e-300
    }

    fn stable(l: Latency) -> (f64, f64, f64) {
        match l {
            Latency::Stable {
                p95_ms,
                wait_probability,
                mean_response_ms,
            } => (p95_ms, wait_probability, mean_response_ms),
            Latency::Saturated { utilization } => {
                panic!("expected a stable queue, got saturated at {utilization}")
            }
        }
    }

    /// Utilizations used by the grid tests, dense towards 1.
    const RHOS: [f64; 22] = [
        1e-6, 0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95,
        0.97, 0.99, 0.995, 0.999, 0.9999, 0.999_999,
    ];

    #[test]
    fn ln_20_constant_is_ln_20() {
        assert_eq!(LN_20, 20.0_f64.ln());
    }

    // ---------------------------------------------------------------- published values

    #[test]
    fn single_server_waits_with_probability_rho() {
        // M/M/1: P(wait) = P(busy) = rho, the standard birth-death result (e.g. Kleinrock,
        // Queueing Systems vol. 1, ch. 3).
        for rho in RHOS {
            assert!(rel_err(erlang_c(1, rho), rho) < 1e-15, "rho {rho}");
        }
    }

    #[test]
    fn two_servers_one_erlang_is_one_third() {
        // M/M/2: the closed form reduces to C(2, A) = A^2 / (2 + A), so C(2, 1) = 1/3
        // (M/M/m in Bolch, Greiner, de Meer, Trivedi, "Queueing Networks and Markov
        // Chains", Wiley 1998, sec. 6.5).
        assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-15);
        for a in [0.1, 0.5, 1.5, 1.9] {
            assert!(rel_err(erlang_c(2, a), a * a / (2.0 + a)) < 1e-14, "A {a}");
        }
    }

    #[test]
    fn erlang_c_matches_published_table() {
        // "Digital Mobile Communications and the TETRA System", appendix A.4 "Erlang C
        // table (for blocked-calls-queued)", worked example on p. 424: with 8 channels and
        // 5 % of calls delayed the table gives A = 3.87 erlangs; 1 % delayed with 10
        // channels gives A = 4.08. The table prints A to 2 decimals, so the exact load for
        // the target lies within +-0.005 of the printed value.
        // Seen at https://www.scribd.com/document/831962299/TABLE-C (also 325651828).
        for (servers, target, printed) in [(8, 0.05, 3.87), (10, 0.01, 4.08)] {
            let lo = erlang_c(servers, printed - 0.005);
            let hi = erlang_c(servers, printed + 0.005);
            assert!(
                lo <= target && target <= hi,
                "c {servers}: {lo} .. {hi} vs {target}"
            );
        }
        // Same example: at A = 3.87 a delayed call waits longer than one mean holding
        // time with probability Pw = 0.016 (8 channels) and 0.0022 (10 channels). That is
        // P(wait > T | wait) = exp(-(c mu - lambda) T), the tail behind the p95; recover
        // the decay rate from mmc's own outputs, c mu - lambda = C / mean wait.
        let service_ms = 1_000.0; // T = 1 s, so A = 3.87 means lambda = 3.87/s
        for (servers, published, half_unit) in [(8, 0.016, 0.0005), (10, 0.0022, 0.00005)] {
            let (_, c, mean_ms) = stable(mmc(servers, 3.87, service_ms));
            let decay_per_ms = c / (mean_ms - service_ms);
            let pw = (-decay_per_ms * service_ms).exp();
            assert!((pw - published).abs() <= half_unit, "c {servers}: {pw}");
        }

        // Textbook exercise, 120 customers/hour, 3 min each, 10 assistants (A = 6):
        // "from the Erlang C curve ... the probability of waiting is about 0.10".
        // Mathematics Stack Exchange question "How to calculate the probability of a
        // customer joining a queue via Erlang C curve" (as reproduced in the
        // nvidia/Nemotron-CC-Math-v1 corpus). Read off a curve: +-0.005.
        assert!((erlang_c(10, 6.0) - 0.10).abs() < 0.005);
    }

    #[test]
    fn erlang_b_matches_published_tables() {
        // Westbay Engineers' Erlang calculator manual, "How much traffic can a trunk
        // group handle": 15 lines at 1 % blocking carry 8.108 erlangs (3 decimals).
        // https://erlang.com/calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm
        assert!(erlang_b(15, 8.1075) <= 0.01 && 0.01 <= erlang_b(15, 8.1085));

        // "Carrier Grade Voice over IP" (2nd ed.), appendix A "Table of Erlang B",
        // https://www.globalspec.com/reference/55139/203279/appendix-a-table-of-erlang-b
        // (channels, blocking, erlangs printed to 1 decimal => exact within +-0.05).
        let table = [
            (1, 0.05, 0.1),
            (2, 0.01, 0.2),
            (4, 0.001, 0.4),
            (4, 0.01, 0.9),
            (5, 0.01, 1.4),
            (5, 0.05, 2.2),
            (7, 0.01, 2.5),
            (7, 0.05, 3.7),
            (8, 0.01, 3.1),
            (8, 0.02, 3.6),
            (9, 0.01, 3.8),
            (9, 0.05, 5.4),
        ];
        for (servers, target, printed) in table {
            let lo = erlang_b(servers, printed - 0.05);
            let hi = erlang_b(servers, printed + 0.05);
            assert!(
                lo <= target && target <= hi,
                "N {servers} @ {target}: {lo} .. {hi}"
            );
        }
    }

    #[test]
    fn mmc_matches_published_mean_values() {
        // ETH Zurich, Advanced Systems Lab 2017, slides "M/M/m queues"
        // (https://www.systems.ethz.ch/sites/default/files/file/asl2017/slides/slides-mmx-queues.pdf,
        // quoted with these figures in the test block of mmarzolla/queueing inst/qsmmm.m):
        // lambda = 9/s, mu = 5/s (200 ms). m = 2: mean waiting 7.674, response 1.053 s;
        // m = 4: mean waiting 0.105, response 0.212 s (3 decimals).
        for (servers, waiting, response_s) in [(2, 7.674, 1.053), (4, 0.105, 0.212)] {
            let (_, _, mean_ms) = stable(mmc(servers, 9.0, 200.0));
            assert!(
                (mean_ms / 1000.0 - response_s).abs() <= 0.0005,
                "m {servers}: {mean_ms}"
            );
            let queued = in_flight(9.0, mean_ms - 200.0);
            assert!((queued - waiting).abs() <= 0.0005, "m {servers}: {queued}");
        }
    }

    // ---------------------------------------------------------------- reference formula

    #[test]
    fn matches_factorial_formula_for_small_c() {
        for servers in 1..=50_u32 {
            for rho in RHOS {
                let a = rho * f64::from(servers);
                let (got, want) = (erlang_c(servers, a), erlang_c_factorial(servers, a));
                assert!(
                    rel_err(got, want) < 1e-9,
                    "C c {servers} rho {rho}: {got} vs {want}"
                );
                let (got, want) = (erlang_b(servers, a), erlang_b_factorial(servers, a));
                assert!(
                    rel_err(got, want) < 1e-9,
                    "B c {servers} rho {rho}: {got} vs {want}"
                );
            }
            // Erlang B is also defined for A >= c.
            for a in [1.0, 10.0, 60.0, 1000.0] {
                let (got, want) = (erlang_b(servers, a), erlang_b_factorial(servers, a));
                assert!(
                    rel_err(got, want) < 1e-9,
                    "B c {servers} A {a}: {got} vs {want}"
                );
            }
        }
    }

    // ---------------------------------------------------------------- large c

    #[test]
    fn ten_thousand_cores_do_not_overflow() {
        let cs = [1, 2, 5, 10, 50, 100, 500, 1_000, 2_000, 5_000, 10_000];
        for rho in [0.5, 0.9, 0.99, 0.999] {
            let mut previous = f64::INFINITY;
            for servers in cs {
                let a = rho * f64::from(servers);
                let (b, c) = (erlang_b(servers, a), erlang_c(servers, a));
                assert!(
                    b.is_finite() && (0.0..=1.0).contains(&b),
                    "B {servers} {rho}: {b}"
                );
                assert!(
                    c.is_finite() && (0.0..=1.0).contains(&c),
                    "C {servers} {rho}: {c}"
                );
                // Strictly decreasing while representable; at rho = 0.5 it underflows to
                // 0 (true value ~ e^-1900 at c = 10,000) and then stays 0.
                assert!(
                    c < previous || (c == 0.0 && previous == 0.0),
                    "c {servers} rho {rho}"
                );
                previous = c;
                let l = mmc(servers, a / 0.1, 100.0); // service 100 ms => mu = 10/s
                let (p95, wp, mean) = stable(l);
                assert!(p95.is_finite() && wp.is_finite() && mean.is_finite());
            }
        }
        // Known magnitudes at c = 10,000 (from the large-deviation estimate
        // ln C ~ -c (rho - 1 - ln rho)): rho 0.9 => ~1e-24, rho 0.99/0.999 => O(0.1 .. 1).
        let c9 = erlang_c(10_000, 9_000.0);
        assert!(c9 > 1e-26 && c9 < 1e-23, "{c9}");
        assert!(erlang_c(10_000, 9_990.0) > 0.9 * erlang_c(10_000, 9_900.0));
    }

    // ---------------------------------------------------------------- saturation

    #[test]
    fn saturation_is_reported_not_a_number() {
        // 8 cores, 10 ms service => capacity 800/s.
        assert_eq!(mmc(8, 800.0, 10.0), Latency::Saturated { utilization: 1.0 });
        assert_eq!(
            mmc(8, 1_200.0, 10.0),
            Latency::Saturated { utilization: 1.5 }
        );
        assert!(mmc(8, 1_200.0, 10.0).is_saturated());
        assert_eq!(mmc(8, 1_200.0, 10.0).p95_ms(), None);
        assert_eq!(erlang_c(8, 8.0), 1.0);
        assert_eq!(erlang_c(8, 9.0), 1.0);

        // Just below 1: finite, large, and growing as rho -> 1.
        let mut previous = 0.0;
        for gap in [1e-2, 1e-4, 1e-6, 1e-9, 1e-12] {
            let l = mmc(8, 800.0 * (1.0 - gap), 10.0);
            assert!(!l.is_saturated());
            let p95 = l.p95_ms().unwrap();
            assert!(p95.is_finite() && p95 > previous, "gap {gap}: {p95}");
            previous = p95;
        }
        // rho = 1 - 1e-12 with 8 x 10 ms: p95 wait ~ ln(20) * 10 ms / (8e-12) ~ 4e12 ms.
        assert!(previous > 1e12, "{previous}");
        // Same at 10,000 cores.
        let l = mmc(10_000, 1_000_000.0 * (1.0 - 1e-9), 10.0);
        assert!(l.p95_ms().unwrap().is_finite() && l.p95_ms().unwrap() > 1e6);
        assert!(mmc(10_000, 1_000_000.0, 10.0).is_saturated());
    }

    // ---------------------------------------------------------------- edge cases

    /// One table of edge cases with what each must give (long: it is a list).
    #[test]
    fn edge_cases_are_finite_and_documented() {
        // No servers: always saturated, utilization as if one server, at least 1.
        assert_eq!(mmc(0, 5.0, 100.0), Latency::Saturated { utilization: 1.0 });
        assert_eq!(mmc(0, 50.0, 100.0), Latency::Saturated { utilization: 5.0 });
        assert_eq!(mmc(0, 0.0, 100.0), Latency::Saturated { utilization: 1.0 });
        assert_eq!(erlang_b(0, 3.0), 1.0);
        assert_eq!(erlang_c(0, 3.0), 1.0);
        assert_eq!(erlang_c(0, 0.0), 1.0);

        // No arrivals: only the service time.
        let (p95, wp, mean) = stable(mmc(4, 0.0, 100.0));
        assert_eq!((p95, wp, mean), (100.0 * LN_20, 0.0, 100.0));
        // No service time: nothing takes any time.
        assert_eq!(stable(mmc(4, 1e6, 0.0)), (0.0, 0.0, 0.0));
        assert_eq!(erlang_b(3, 0.0), 0.0);
        assert_eq!(erlang_c(3, 0.0), 0.0);

        // Negative and NaN inputs count as 0.
        assert_eq!(mmc(4, -3.0, 100.0), mmc(4, 0.0, 100.0));
        assert_eq!(mmc(4, f64::NAN, 100.0), mmc(4, 0.0, 100.0));
        assert_eq!(mmc(4, 10.0, -1.0), mmc(4, 10.0, 0.0));
        assert_eq!(mmc(4, 10.0, f64::NAN), mmc(4, 10.0, 0.0));
        assert_eq!(erlang_c(4, f64::NAN), 0.0);
        assert_eq!(erlang_b(4, -1.0), 0.0);
        assert_eq!(in_flight(f64::NAN, 10.0), 0.0);
        assert_eq!(in_flight(10.0, -10.0), 0.0);
        assert_eq!(in_flight(200.0, 50.0), 10.0);

        // Infinite or absurd inputs: finite outputs.
        assert_eq!(erlang_c(4, f64::INFINITY), 1.0);
        assert_eq!(erlang_b(4, f64::INFINITY), 1.0);
        assert_eq!(in_flight(f64::INFINITY, f64::INFINITY), f64::MAX);
        assert_eq!(
            mmc(4, f64::INFINITY, 1.0),
            Latency::Saturated {
                utilization: f64::MAX / 1000.0 / 4.0
            }
        );
        assert_eq!(
            mmc(0, f64::MAX, f64::MAX),
            Latency::Saturated {
                utilization: f64::MAX
            }
        );
        let (p95, _, mean) = stable(mmc(4, 1e-309, f64::MAX));
        assert_eq!((p95, mean), (f64::MAX, f64::MAX));

        let odd = [
            0.0,
            -0.0,
            -1.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            5e-324,
            1e-300,
            1e-9,
            0.5,
            1.0,
            3.999_999_999_999_999,
            1e3,
            1e9,
            1e300,
            f64::MAX,
        ];
        for servers in [0, 1, 2, 4, 7, 1_000, 10_000, u32::MAX] {
            for &x in &odd {
                for f in [erlang_b(servers, x), erlang_c(servers, x)] {
                    assert!(
                        f.is_finite() && (0.0..=1.0).contains(&f),
                        "{servers} {x}: {f}"
                    );
                }
                assert!(erlang_c(servers, x) >= erlang_b(servers, x));
                for &y in &odd {
                    match mmc(servers, x, y) {
                        Latency::Stable {
                            p95_ms,
                            wait_probability,
                            mean_response_ms,
                        } => {
                            assert!(p95_ms.is_finite() && p95_ms >= 0.0, "{servers} {x} {y}");
                            assert!((0.0..=1.0).contains(&wait_probability));
                            assert!(mean_response_ms.is_finite() && mean_response_ms >= 0.0);
                        }
                        Latency::Saturated { utilization } => {
                            assert!(utilization.is_finite() && utilization >= 1.0);
                        }
                    }
                    let l = in_flight(x, y);
                    assert!(l.is_finite() && l >= 0.0);
                }
            }
        }
    }

    #[test]
    fn p95_is_where_the_wait_tail_reaches_five_percent() {
        // P(wait > t) = C exp(-(c mu - lambda) t) must equal 0.05 at the p95 wait.
        for (servers, lambda, service_ms) in
            [(1, 8.0, 100.0), (4, 35.0, 100.0), (64, 6_300.0, 10.0)]
        {
            let (p95, c, mean) = stable(mmc(servers, lambda, service_ms));
            assert!(c > 0.05);
            let decay_per_s = f64::from(servers) * 1000.0 / service_ms - lambda;
            let t_s = (p95 - service_ms * LN_20) / 1000.0;
            assert!(((c * (-decay_per_s * t_s).exp()) - 0.05).abs() < 1e-12);
            // Mean response: C / (c mu - lambda) + 1/mu.
            let want = (c / decay_per_s + service_ms / 1000.0) * 1000.0;
            assert!(rel_err(mean, want) < 1e-12);
        }
        // C <= 0.05: no wait at the 95th percentile.
        let (p95, c, _) = stable(mmc(64, 1_000.0, 10.0)); // rho = 0.16
        assert!(c < 0.05);
        assert_eq!(p95, 10.0 * LN_20);
    }

    #[test]
    fn p95_wait_starts_at_five_percent_waiting() {
        // Around C = 0.05 the p95 wait switches on continuously from exactly 0.
        let service_ms = 20.0;
        for servers in [1_u32, 2, 8, 64, 1_000, 10_000] {
            for target in [0.03, 0.045, 0.0499, 0.0501, 0.055, 0.2] {
                // Bisect the load with C(servers, A) = target (C grows with A).
                let (mut lo, mut hi) = (0.0, f64::from(servers));
                for _ in 0..200 {
                    let mid = 0.5 * (lo + hi);
                    if erlang_c(servers, mid) < target {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let lambda = lo * 1000.0 / service_ms;
                let (p95, c, _) = stable(mmc(servers, lambda, service_ms));
                let wait_ms = p95 - service_ms * LN_20;
                if target < 0.05 {
                    assert_eq!(p95, service_ms * LN_20, "c {servers} C {c}");
                } else {
                    let want = (20.0 * c).ln() * service_ms / (f64::from(servers) - lo);
                    assert!(
                        wait_ms > 0.0 && rel_err(wait_ms, want) < 1e-9,
                        "c {servers}"
                    );
                }
            }
        }
    }

    // ---------------------------------------------------------------- shortcuts

    /// Server counts for the always-run shortcut checks: every c up to 400, then a
    /// stride through 10,000 (the exhaustive sweep is the ignored test below).
    fn grid_servers() -> impl Iterator<Item = u32> {
        (1..=400)
            .chain((401..10_000).step_by(97))
            .chain([9_999, 10_000])
    }

    fn check_against_full(servers: u32, rho: f64, worst: &mut f64) {
        let a = rho * f64::from(servers);
        let fast = erlang_c(servers, a);
        // 1. The shortcuts (late start, stop at +inf) change nothing: bit-for-bit equal
        //    to the same recursion run from k = 1 to the end.
        let unshortcut = erlang_c_unshortcut(servers, a);
        assert_eq!(
            fast.to_bits(),
            unshortcut.to_bits(),
            "c {servers} rho {rho}"
        );
        assert_eq!(
            erlang_b(servers, a).to_bits(),
            (1.0 / inverse_erlang_b_unshortcut(servers, a)).to_bits()
        );
        // 2. The inverse form agrees with the spec's recursion verbatim to rounding.
        let spec = erlang_c_spec(servers, a);
        assert!(
            close(fast, spec, 1e-12),
            "c {servers} rho {rho}: {fast} vs {spec}"
        );
        if spec > 1e-300 {
            *worst = worst.max(rel_err(fast, spec));
        }
        // 3. And so do the latency figures built on it.
        let service_ms = 7.0;
        let lambda = a * 1000.0 / service_ms;
        let (p95, wp, mean) = stable(mmc(servers, lambda, service_ms));
        let c = f64::from(servers);
        let scale = service_ms / (c - lambda * service_ms / 1000.0);
        let want_p95 = (20.0 * spec).ln().max(0.0) * scale + service_ms * LN_20;
        assert!(
            close(p95, want_p95, 1e-12),
            "p95 c {servers} rho {rho}: {p95} vs {want_p95}"
        );
        // mmc may stop the recursion once the wait is provably below half an ulp of
        // the service time; then its wait probability is an upper bound of the true
        // one below 2^-60 (1 - rho) c, and p95 and mean equal the full recursion's
        // bit for bit (both round to the service time's).
        let full_c = erlang_c_unshortcut(servers, a);
        if !close(wp, spec, 1e-12) {
            let bound = 2f64.powi(-60) * (1.0 - rho) * c;
            assert!(
                wp >= full_c && wp <= bound * (1.0 + 1e-9),
                "c {servers} rho {rho}: {wp} vs {full_c} (bound {bound})"
            );
            assert_eq!(
                mean.to_bits(),
                service_ms.to_bits(),
                "mean c {servers} rho {rho}"
            );
            assert_eq!(
                (full_c * scale + service_ms).to_bits(),
                service_ms.to_bits(),
                "full mean c {servers} rho {rho}"
            );
            assert_eq!(
                p95.to_bits(),
                (service_ms * LN_20).to_bits(),
                "p95 c {servers} rho {rho}"
            );
        }
        assert!(close(mean, spec * scale + service_ms, 1e-12));
    }

    /// Erlang B is also defined at and past saturation (A >= c), where the late start
    /// uses the second half of its proof.
    fn check_erlang_b_overloaded(servers: u32, worst: &mut f64) {
        for load in [1.0, 1.001, 1.1, 2.0, 10.0, 1e3] {
            let a = load * f64::from(servers);
            let fast = erlang_b(servers, a);
            let unshortcut = 1.0 / inverse_erlang_b_unshortcut(servers, a);
            assert_eq!(
                fast.to_bits(),
                unshortcut.to_bits(),
                "B c {servers} load {load}"
            );
            let spec = erlang_b_spec(servers, a);
            assert!(
                close(fast, spec, 1e-12),
                "B c {servers} load {load}: {fast} vs {spec}"
            );
            *worst = worst.max(rel_err(fast, spec));
        }
    }

    #[test]
    fn shortcuts_equal_the_full_recursion_on_a_grid() {
        let mut worst: f64 = 0.0;
        for servers in grid_servers() {
            for rho in RHOS {
                check_against_full(servers, rho, &mut worst);
            }
            check_erlang_b_overloaded(servers, &mut worst);
        }
        assert!(worst < 1e-12, "{worst}");
    }

    /// Every c from 1 to 10,000 at every grid utilization (~2e9 recursion steps; run with
    /// `cargo test --release -- --ignored exhaustive`).
    #[test]
    #[ignore]
    fn shortcuts_equal_the_full_recursion_exhaustively() {
        let mut worst: f64 = 0.0;
        for servers in 1..=10_000 {
            for rho in RHOS {
                check_against_full(servers, rho, &mut worst);
            }
            check_erlang_b_overloaded(servers, &mut worst);
        }
        println!("worst relative difference vs the spec recursion: {worst:e}");
    }

    #[test]
    fn recursion_start_respects_its_bound() {
        // Check the premises of the proof directly, across the whole range of loads:
        // A < c: the exact Chernoff exponent g = A - k0 - k0 ln(A/k0) is >= 60;
        // A >= c: d0 = c - k0 has d0 (d0 - 1) >= 120 c.
        let mut a: f64 = 1.0;
        while a < 4e9 {
            for servers in [(a * 1.0001).ceil() as u32 + 1, (a * 0.7) as u32, a as u32] {
                let k0 = recursion_start(servers, a);
                let c = f64::from(servers);
                let k = f64::from(k0);
                if k0 == 0 {
                    assert!(a.min(c) < 200.0, "A {a} c {servers}: no skip");
                } else if a < c {
                    let g = a - k - k * (a / k).ln();
                    assert!(g >= 60.0, "A {a}: k0 {k0}, g {g}");
                } else {
                    let d0 = c - k;
                    assert!(d0 * (d0 - 1.0) >= 120.0 * c, "A {a} c {servers}: k0 {k0}");
                }
            }
            a *= 1.37;
        }
    }

    // ---------------------------------------------------------------- properties

    proptest! {
        #[test]
        fn erlang_c_is_a_probability_at_least_erlang_b(
            servers in 1_u32..2_000,
            rho in 0.0_f64..1.2,
        ) {
            let a = rho * f64::from(servers);
            let (b, c) = (erlang_b(servers, a), erlang_c(servers, a));
            prop_assert!((0.0..=1.0).contains(&b));
            prop_assert!((0.0..=1.0).contains(&c));
            prop_assert!(c >= b, "C {} < B {}", c, b);
        }

        #[test]
        fn p95_wait_is_never_negative(
            servers in 1_u32..2_000,
            service_ms in 0.01_f64..1_000.0,
            rho in 0.0_f64..1.0,
        ) {
            let lambda = rho * f64::from(servers) * 1000.0 / service_ms;
            if let Latency::Stable { p95_ms, wait_probability, mean_response_ms } =
                mmc(servers, lambda, service_ms)
            {
                let service_p95 = service_ms * LN_20;
                if wait_probability <= 0.05 {
                    prop_assert_eq!(p95_ms, service_p95);
                } else {
                    prop_assert!(p95_ms > service_p95);
                }
                prop_assert!(mean_response_ms >= service_ms);
            }
        }

        #[test]
        fn p95_grows_with_arrivals(
            servers in 1_u32..2_000,
            service_ms in 0.01_f64..1_000.0,
            rho1 in 0.0_f64..1.05,
            rho2 in 0.0_f64..1.05,
        ) {
            let capacity = f64::from(servers) * 1000.0 / service_ms;
            let (lo, hi) = (rho1.min(rho2) * capacity, rho1.max(rho2) * capacity);
            let (l_lo, l_hi) = (mmc(servers, lo, service_ms), mmc(servers, hi, service_ms));
            if let Some(p_hi) = l_hi.p95_ms() {
                let p_lo = l_lo.p95_ms().expect("less traffic cannot saturate");
                prop_assert!(p_lo <= p_hi * (1.0 + 1e-12), "{} > {}", p_lo, p_hi);
            }
        }

        #[test]
        fn p95_falls_with_servers(
            c1 in 1_u32..2_000,
            c2 in 1_u32..2_000,
            service_ms in 0.01_f64..1_000.0,
            rho in 0.0_f64..1.5,
        ) {
            let (few, many) = (c1.min(c2), c1.max(c2));
            let lambda = rho * f64::from(few) * 1000.0 / service_ms;
            let (l_few, l_many) = (mmc(few, lambda, service_ms), mmc(many, lambda, service_ms));
            if let Some(p_few) = l_few.p95_ms() {
                let p_many = l_many.p95_ms().expect("more servers cannot saturate");
                prop_assert!(p_many <= p_few * (1.0 + 1e-12), "{} > {}", p_many, p_few);
            }
        }

        #[test]
        fn never_nan(servers in any::<u32>(), x in any::<f64>(), y in any::<f64>()) {
            prop_assert!(erlang_b(servers, x).is_finite());
            prop_assert!(erlang_c(servers, x).is_finite());
            prop_assert!(in_flight(x, y).is_finite());
            match mmc(servers % 20_000, x, y) {
                Latency::Stable { p95_ms, wait_probability, mean_response_ms } => {
                    prop_assert!(p95_ms.is_finite() && p95_ms >= 0.0);
                    prop_assert!((0.0..=1.0).contains(&wait_probability));
                    prop_assert!(mean_response_ms.is_finite() && mean_response_ms >= 0.0);
                }
                Latency::Saturated { utilization } => {
                    prop_assert!(utilization.is_finite() && utilization >= 1.0);
                }
            }
        }
    }
}
