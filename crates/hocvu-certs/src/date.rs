//! Calendar helpers (UTC, proleptic Gregorian) so the crate needs no date library.

/// (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are small and positive by construction.
    (year, month as u32, day as u32)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for Unix seconds.
pub(crate) fn rfc3339(secs: u64) -> String {
    let secs = i64::try_from(secs).unwrap_or(i64::MAX / 2);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The calendar date in Vietnam (UTC+7, no daylight saving) of a Unix time in milliseconds,
/// as `YYYY-MM-DD`: a completion just after midnight in Đắk Lắk is that day, not the day before.
pub fn vietnam_date(unix_ms: i64) -> String {
    let local_s = unix_ms.div_euclid(1000) + 7 * 3600;
    let (y, m, d) = civil_from_days(local_s.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD` as `DD/MM/YYYY`, the way dates are written in Vietnam; other text unchanged.
pub fn day_month_year(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) if is_iso_date(iso) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// True for a real calendar date written exactly as `YYYY-MM-DD`.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days_in_month).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_unix_time() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_345_200), "2026-11-22T11:00:00Z");
        assert_eq!(rfc3339(4_102_444_799), "2099-12-31T23:59:59Z");
    }

    #[test]
    fn vietnam_dates_start_at_local_midnight() {
        // 2026-11-21T17:00:00Z is midnight of the 22nd in Đắk Lắk.
        assert_eq!(vietnam_date(1_795_280_400_000 - 1), "2026-11-21");
        assert_eq!(vietnam_date(1_795_280_400_000), "2026-11-22");
        assert_eq!(day_month_year("2026-11-22"), "22/11/2026");
        assert_eq!(day_month_year("not a date"), "not a date");
    }

    #[test]
    fn checks_dates() {
        for ok in ["2026-11-22", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in [
            "2026-11-31",
            "2023-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-22",
            "22/11/2026",
            "2026-11-22T00:00:00Z",
            "+026-11-22",
            "",
            "２０２６-11-22",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
