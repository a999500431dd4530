//! hocvu-dates: the one place for calendar dates, on jiff. Dates are stored as `YYYY-MM-DD`
//! strings and shown as `DD/MM/YYYY`; "today" and the day of a timestamp are Vietnam's
//! (UTC+7 all year, no daylight saving), so a completion just after midnight in Đắk Lắk is
//! that day, not the day before.
//!
//! It knows nothing of the web, the database or certificates.

use jiff::civil::Date;
use jiff::tz::Offset;
use jiff::{Span, Timestamp};

/// Vietnam's offset from UTC.
const VIETNAM: Offset = Offset::constant(7);

/// A real calendar date written exactly `YYYY-MM-DD` (no other ISO 8601 spelling).
pub fn parse_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    s.parse::<Date>().ok().filter(|d| d.year() >= 1)
}

/// True for a real calendar date written exactly `YYYY-MM-DD`.
pub fn is_iso_date(s: &str) -> bool {
    parse_iso(s).is_some()
}

/// The calendar date in Vietnam of a Unix time in milliseconds, as `YYYY-MM-DD`.
pub fn vietnam_date(unix_ms: i64) -> String {
    let ts = Timestamp::from_millisecond(unix_ms).unwrap_or(Timestamp::UNIX_EPOCH);
    VIETNAM.to_datetime(ts).date().to_string()
}

/// Today in Vietnam, `YYYY-MM-DD`.
pub fn today() -> String {
    VIETNAM.to_datetime(Timestamp::now()).date().to_string()
}

/// The Unix time in milliseconds of a date (`YYYY-MM-DD`) and time (`HH:MM`) in Vietnam.
pub fn vietnam_ms(date: &str, time: &str) -> Option<i64> {
    let day = parse_iso(date)?;
    let b = time.as_bytes();
    if b.len() != 5
        || b[2] != b':'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
    {
        return None;
    }
    let (hour, minute) = (time[..2].parse::<i8>().ok()?, time[3..].parse::<i8>().ok()?);
    let at = day.to_datetime(jiff::civil::Time::new(hour, minute, 0, 0).ok()?);
    let ts = VIETNAM.to_timestamp(at).ok()?;
    Some(ts.as_millisecond())
}

/// `HH:MM` in Vietnam of a Unix time in milliseconds.
pub fn vietnam_time(unix_ms: i64) -> String {
    let ts = Timestamp::from_millisecond(unix_ms).unwrap_or(Timestamp::UNIX_EPOCH);
    VIETNAM.to_datetime(ts).strftime("%H:%M").to_string()
}

/// `YYYY-MM-DDTHH:MM:SSZ` for Unix seconds.
pub fn rfc3339(secs: u64) -> String {
    let secs = i64::try_from(secs).unwrap_or(i64::MAX);
    Timestamp::from_second(secs)
        .unwrap_or(Timestamp::MAX)
        .to_string()
}

/// `YYYY-MM-DD` as `DD/MM/YYYY`, the way dates are written in Vietnam; other text unchanged.
pub fn day_month_year(iso: &str) -> String {
    match parse_iso(iso) {
        Some(d) => d.strftime("%d/%m/%Y").to_string(),
        None => iso.to_string(),
    }
}

/// `YYYY-MM` of a Unix-ms time, in Vietnam.
pub fn month_of(unix_ms: i64) -> String {
    vietnam_date(unix_ms)[..7].to_string()
}

/// True for a month written `YYYY-MM`.
pub fn is_month(s: &str) -> bool {
    is_iso_date(&format!("{s}-01"))
}

/// The twelve months ending with `last` (`YYYY-MM`), oldest first; empty if `last` is not a
/// month.
pub fn twelve_months(last: &str) -> Vec<String> {
    let Some(end) = parse_iso(&format!("{last}-01")) else {
        return Vec::new();
    };
    (0..12)
        .rev()
        .filter_map(|back| end.checked_sub(Span::new().months(back)).ok())
        .map(|d| d.strftime("%Y-%m").to_string())
        .collect()
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    (to - from).get_days().into()
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
        assert_eq!(month_of(1_795_280_400_000), "2026-11");
        assert_eq!(day_month_year("2026-11-22"), "22/11/2026");
        assert_eq!(day_month_year("not a date"), "not a date");
        assert_eq!(today().len(), 10);
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
            "20261122",
            "+026-11-22",
            "",
            "２０２６-11-22",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
        assert!(is_month("2026-02") && !is_month("2026-13") && !is_month("2026"));
    }

    #[test]
    fn twelve_months_cross_the_year() {
        let m = twelve_months("2026-02");
        assert_eq!(m.first().map(String::as_str), Some("2025-03"));
        assert_eq!(m.last().map(String::as_str), Some("2026-02"));
        assert_eq!(m.len(), 12);
        assert!(twelve_months("nope").is_empty());
    }

    #[test]
    fn local_date_and_time_to_unix_and_back() {
        let ms = vietnam_ms("2026-11-22", "00:00").unwrap();
        assert_eq!(
            ms, 1_795_280_400_000,
            "midnight in Đắk Lắk is 17:00 UTC the day before"
        );
        assert_eq!(vietnam_time(ms + 90 * 60_000), "01:30");
        assert_eq!(vietnam_date(ms), "2026-11-22");
        for (d, t) in [
            ("2026-11-22", "24:00"),
            ("2026-11-22", "7:30"),
            ("2026-02-30", "08:00"),
            ("2026-11-22", "08:60"),
            ("2026-11-22", "08-30"),
        ] {
            assert_eq!(vietnam_ms(d, t), None, "{d} {t}");
        }
    }

    #[test]
    fn counts_days() {
        let (a, b) = (
            parse_iso("2025-12-01").unwrap(),
            parse_iso("2026-12-01").unwrap(),
        );
        assert_eq!(days_between(a, b), 365);
        assert_eq!(days_between(b, a), -365);
    }
}
