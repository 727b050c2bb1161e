//! Turning the model's numbers into text for people.
//!
//! These functions only format: they round for display and add separators and
//! units, they never derive one figure from another (that is the model's job).
//! A value that is not finite is shown as "n/a" rather than "NaN" or "inf".

/// Shown in place of a number that is not finite.
pub const NOT_AVAILABLE: &str = "n/a";

/// A count of people or things, rounded to a whole number, with thousands
/// separators.
///
/// ```
/// use headroom_components::format::count;
/// assert_eq!(count(12_345.4), "12,345");
/// assert_eq!(count(999.5), "1,000");
/// assert_eq!(count(0.0), "0");
/// assert_eq!(count(f64::NAN), "n/a");
/// ```
#[must_use]
pub fn count(value: f64) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    signed_grouped(value.round())
}

/// An amount in US dollars: whole dollars from $100 up ("$1,234"), cents
/// below ("$0.42", "$12.50"), and "< $0.01" for a positive amount under a cent
/// (so a small cost never reads as free).
///
/// ```
/// use headroom_components::format::usd;
/// assert_eq!(usd(1_234.4), "$1,234");
/// assert_eq!(usd(12.5), "$12.50");
/// assert_eq!(usd(0.42), "$0.42");
/// assert_eq!(usd(0.004), "< $0.01");
/// assert_eq!(usd(0.0), "$0.00");
/// assert_eq!(usd(-56.0), "-$56.00");
/// assert_eq!(usd(f64::INFINITY), "n/a");
/// ```
#[must_use]
pub fn usd(value: f64) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let magnitude = value.abs();
    if magnitude >= 99.995 {
        format!("{sign}${}", signed_grouped(magnitude.round()))
    } else if magnitude > 0.0 && magnitude < 0.005 {
        if value < 0.0 { "> -$0.01" } else { "< $0.01" }.to_owned()
    } else {
        let cents = (magnitude * 100.0).round();
        if cents == 0.0 {
            "$0.00".to_owned()
        } else {
            format!("{sign}${:.2}", cents / 100.0)
        }
    }
}

/// A monthly amount in US dollars, as [`usd`] with "/mo": "$1,234/mo".
///
/// ```
/// use headroom_components::format::usd_per_month;
/// assert_eq!(usd_per_month(1_234.0), "$1,234/mo");
/// assert_eq!(usd_per_month(f64::NAN), "n/a");
/// ```
#[must_use]
pub fn usd_per_month(value: f64) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    format!("{}/mo", usd(value))
}

/// A whole, finite number with a comma every three digits ("-1,234,567").
fn signed_grouped(whole: f64) -> String {
    // Display of a whole f64 has no exponent and no fraction, at any size.
    let digits = format!("{:.0}", whole.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if whole < 0.0 && digits != "0" {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_groups_every_three_digits() {
        assert_eq!(count(1.0), "1");
        assert_eq!(count(999.0), "999");
        assert_eq!(count(1_000.0), "1,000");
        assert_eq!(count(100_000.0), "100,000");
        assert_eq!(count(1_234_567.0), "1,234,567");
        assert_eq!(count(1e12), "1,000,000,000,000");
    }

    #[test]
    fn count_never_shows_minus_zero() {
        assert_eq!(count(-0.0), "0");
        assert_eq!(count(-0.4), "0");
        assert_eq!(count(-1_500.0), "-1,500");
    }

    #[test]
    fn usd_switches_to_whole_dollars_at_one_hundred() {
        assert_eq!(usd(99.99), "$99.99");
        assert_eq!(usd(99.996), "$100");
        assert_eq!(usd(100.0), "$100");
        assert_eq!(usd(123_456.78), "$123,457");
    }

    #[test]
    fn usd_rounds_cents_and_keeps_tiny_amounts_visible() {
        assert_eq!(usd(0.005), "$0.01");
        assert_eq!(usd(0.0049), "< $0.01");
        assert_eq!(usd(-0.0), "$0.00");
        assert_eq!(usd(-0.001), "> -$0.01");
        assert_eq!(usd(1.0), "$1.00");
    }

    #[test]
    fn not_finite_values_are_not_available() {
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(count(value), NOT_AVAILABLE);
            assert_eq!(usd(value), NOT_AVAILABLE);
            assert_eq!(usd_per_month(value), NOT_AVAILABLE);
        }
    }
}
