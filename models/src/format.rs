//! Number formatting shared by the model's reasons and the command line, so a
//! figure reads the same in both.

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
    let shown = number(v);
    if shown.replace(',', "").parse::<f64>() == Ok(v) {
        shown
    } else if v != 0.0 && (v.abs() < 1e-4 || v.abs() >= 1e15) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// US dollars: whole dollars from $100, cents below. `usd(1234.5) == "$1,235"`, `usd(12.345) == "$12.35"`.
pub fn usd(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("${}", count(v))
    } else {
        format!("${}", fixed(v, 2))
    }
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
