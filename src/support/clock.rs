//! Today's date on this machine's calendar, for commands that date what
//! the archivist does now (`withdraw`): an entry withdrawn at 01:00 in
//! Astana is withdrawn that day, not the day before as UTC would have it;
//! and the moment `publish` signs, which a key must be valid at.

/// Today's local date as `YYYY-MM-DD` (UTC where the platform has no
/// local time zone to ask).
pub fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (year, month, day) = local(seconds).unwrap_or_else(|| civil(seconds));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Now, in seconds since 1970 (UTC): the moment `publish` signs, which a
/// key's `valid-after`/`valid-before` window must hold.
pub fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Today's date in UTC as `YYYY-MM-DD`: for dates that must not depend on
/// where the machine stands (a bag's `Bagging-Date`).
pub fn today_utc() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (year, month, day) = civil(seconds);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The local calendar date of `seconds` since the epoch, from the C
/// library, which knows the machine's zone (`TZ`, `/etc/localtime`).
#[cfg(unix)]
fn local(seconds: i64) -> Option<(i64, i64, i64)> {
    // `time_t` is 32 bits on some platforms: a conversion there.
    #[allow(clippy::useless_conversion)]
    let t: libc::time_t = seconds.try_into().ok()?;
    // SAFETY: `localtime_r` writes only into the `tm` we own and reads only
    // `t`; a zeroed `tm` is a valid value of that plain C struct.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&t, &mut tm).is_null() };
    ok.then(|| {
        (
            i64::from(tm.tm_year) + 1900,
            i64::from(tm.tm_mon) + 1,
            i64::from(tm.tm_mday),
        )
    })
}

#[cfg(not(unix))]
fn local(_: i64) -> Option<(i64, i64, i64)> {
    None
}

/// The UTC calendar date of `seconds` since the epoch (Howard Hinnant's
/// `civil_from_days`).
fn civil(seconds: i64) -> (i64, i64, i64) {
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(1_723_075_200), (2024, 8, 8));
        assert_eq!(civil(951_782_400), (2000, 2, 29));
    }

    #[test]
    fn today_reads_as_a_date() {
        let t = today();
        assert_eq!(t.len(), 10, "{t}");
        assert!(t.starts_with("20"), "{t}");
    }
}
