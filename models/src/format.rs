//! Number formatting shared by the model's reasons, the command line and the app,
//! so a figure reads the same everywhere.

/// A whole count with thousands separators: `12,345`. Rounds to the nearest whole;
/// magnitudes of 10^15 and more use scientific notation.
///
/// ```
/// use headroom_models::format::count;
/// assert_eq!(count(1234567.4), "1,234,567");
/// assert_eq!(count(-1000.0), "-1,000");
/// assert_eq!(count(999.5), "1,000");
/// ```
pub fn count(v: f64) -> String {
    let n = v.round();
    if !n.is_finite() || n.abs() >= 1e15 {
        return format!("{n:e}");
    }
    let digits = format!("{}", n.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0.0 {
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
        let text = format!("{v:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// US dollars: whole dollars from $100, cents below. `usd(1234.5) == "$1,235"`, `usd(12.345) == "$12.35"`.
pub fn usd(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("${}", count(v))
    } else {
        format!("${v:.2}")
    }
}

/// Gigabytes: TB from 1,000 GB, whole GB from 10 GB, two decimals below.
pub fn gb(v: f64) -> String {
    if v >= 1_000.0 {
        format!("{:.1} TB", v / 1_000.0)
    } else if v >= 10.0 {
        format!("{v:.0} GB")
    } else {
        format!("{v:.2} GB")
    }
}
