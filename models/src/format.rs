//! The one formatting policy for numbers and money, shared by the model's
//! reasons, the command line and the app, so a figure reads the same
//! everywhere. These functions only format: they round for display and add
//! separators and units; they never derive one figure from another. A value
//! that is not finite reads "n/a".

/// Shown in place of a number that is not finite.
pub const NOT_AVAILABLE: &str = "n/a";

/// A whole count with thousands separators: `12,345`. Rounds to the nearest
/// whole, at any magnitude; never "-0".
///
/// ```
/// use headroom_models::format::count;
/// assert_eq!(count(1234567.4), "1,234,567");
/// assert_eq!(count(-1000.0), "-1,000");
/// assert_eq!(count(999.5), "1,000");
/// assert_eq!(count(-0.4), "0");
/// assert_eq!(count(1e18), "1,000,000,000,000,000,000");
/// assert_eq!(count(f64::NAN), "n/a");
/// ```
pub fn count(v: f64) -> String {
    if !v.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    grouped(v.round())
}

/// A whole, finite number with a comma every three digits ("-1,234,567").
fn grouped(whole: f64) -> String {
    // Integer digits below 10^15 (much cheaper than float formatting, and
    // tables and charts format thousands of counts); above, Display of a whole
    // f64, which has no exponent and no fraction at any size.
    let digits = if whole.abs() < 1e15 {
        (whole.abs() as u64).to_string()
    } else {
        format!("{:.0}", whole.abs())
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if whole < 0.0 && digits != "0" {
        out.push('-');
    }
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `v` with exactly `decimals` decimals (at most 6), rounded half away from zero.
/// Integer arithmetic: much cheaper than float formatting, which matters in the
/// model's hot loop. When `|v| × 10^decimals` reaches 10^15 it falls back to float
/// formatting (which rounds half to even).
///
/// ```
/// use headroom_models::format::fixed;
/// assert_eq!(fixed(1.005, 1), "1.0");
/// assert_eq!(fixed(-2.5, 0), "-3");
/// assert_eq!(fixed(0.07, 2), "0.07");
/// assert_eq!(fixed(1234.5678, 2), "1234.57");
/// ```
pub fn fixed(v: f64, decimals: u32) -> String {
    if !v.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let decimals = decimals.min(6);
    let unit = 10u64.pow(decimals);
    let scaled = (v.abs() * unit as f64).round();
    if !scaled.is_finite() || scaled >= 1e15 {
        return format!("{v:.*}", decimals as usize);
    }
    let n = scaled as u64;
    let sign = if v < 0.0 && n != 0 { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{n}")
    } else {
        format!(
            "{sign}{}.{:0width$}",
            n / unit,
            n % unit,
            width = decimals as usize
        )
    }
}

/// A share as a whole percentage: `percent(0.736) == "74%"`.
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    format!("{}%", count(share * 100.0))
}

/// A number as a person writes it: whole numbers with separators, others with at
/// most two decimals and no trailing zeros.
///
/// ```
/// use headroom_models::format::number;
/// assert_eq!(number(1500.0), "1,500");
/// assert_eq!(number(-0.5), "-0.5");
/// assert_eq!(number(0.126), "0.13");
/// ```
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        count(v)
    } else {
        let text = fixed(v, 2);
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// `v` for an error message: as [`number`] writes it when that reads back as
/// exactly `v`, otherwise with every digit it needs. Rounded, a refused value or
/// a limit could read as something else: `1.001` as `1` beside "allowed is a
/// number from 0 to 1", or a minimum of `0.001` as `0`.
///
/// ```
/// use headroom_models::format::exact;
/// assert_eq!(exact(10_000_000_001.0), "10,000,000,001");
/// assert_eq!(exact(7.5), "7.5");
/// assert_eq!(exact(1.001), "1.001");
/// assert_eq!(exact(0.001), "0.001");
/// assert_eq!(exact(-1e-9), "-1e-9");
/// assert_eq!(exact(1e300), "1e300");
/// ```
pub fn exact(v: f64) -> String {
    if v != 0.0 && (v.abs() < 1e-4 || v.abs() >= 1e15) {
        return format!("{v:e}");
    }
    let shown = number(v);
    if shown.replace(',', "").parse::<f64>() == Ok(v) {
        shown
    } else {
        format!("{v}")
    }
}

/// US dollars: whole dollars from $100 ("$1,234"), cents below ("$12.50"),
/// the sign before the dollar ("-$56.00"), and "< $0.01" for an amount under a
/// cent that is not zero, so a small cost never reads as free.
///
/// ```
/// use headroom_models::format::usd;
/// assert_eq!(usd(1_234.4), "$1,234");
/// assert_eq!(usd(99.996), "$100");
/// assert_eq!(usd(12.5), "$12.50");
/// assert_eq!(usd(0.004), "< $0.01");
/// assert_eq!(usd(-0.001), "> -$0.01");
/// assert_eq!(usd(0.0), "$0.00");
/// assert_eq!(usd(-0.0), "$0.00");
/// assert_eq!(usd(-56.0), "-$56.00");
/// assert_eq!(usd(f64::INFINITY), "n/a");
/// ```
pub fn usd(v: f64) -> String {
    if !v.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let magnitude = v.abs();
    if magnitude >= 99.995 {
        format!("{sign}${}", grouped(magnitude.round()))
    } else if magnitude > 0.0 && magnitude < 0.005 {
        if v < 0.0 { "> -$0.01" } else { "< $0.01" }.to_owned()
    } else if (magnitude * 100.0).round() == 0.0 {
        "$0.00".to_owned()
    } else {
        format!("{sign}${}", fixed(magnitude, 2))
    }
}

/// A monthly amount: [`usd`] with "/month" ("$1,234/month").
///
/// ```
/// use headroom_models::format::usd_per_month;
/// assert_eq!(usd_per_month(1_234.0), "$1,234/month");
/// assert_eq!(usd_per_month(f64::NAN), "n/a");
/// ```
pub fn usd_per_month(v: f64) -> String {
    if !v.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    format!("{}/month", usd(v))
}

/// A number for files (CSV): enough precision for a spreadsheet (at most six
/// decimals), no separators, no exponent for ordinary magnitudes.
///
/// ```
/// use headroom_models::format::plain;
/// assert_eq!(plain(1234.5678901), "1234.56789");
/// assert_eq!(plain(2.0), "2");
/// ```
pub fn plain(v: f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    format!("{r}")
}

/// Gigabytes: TB from 1,000 GB, whole GB from 10 GB, two decimals below.
pub fn gb(v: f64) -> String {
    if v >= 1_000.0 {
        format!("{} TB", fixed(v / 1_000.0, 1))
    } else if v >= 10.0 {
        format!("{} GB", fixed(v, 0))
    } else {
        format!("{} GB", fixed(v, 2))
    }
}
