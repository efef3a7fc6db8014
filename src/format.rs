//! Words and numbers shared by the command line and the screens: durations and one-line attempt rows.

use chrono::{DateTime, FixedOffset, Local};

use crate::store::{AttemptSummary, Mode, Status};

/// A duration as the exam shows it: `m:ss`, or `h:mm:ss` from an hour on.
pub fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Two durations read together ("time used 0:00:51 of 2:10:00"): both in the longer one's format, so
/// 51 seconds never reads as 51 minutes.
pub fn clock_pair(a: u64, b: u64) -> (String, String) {
    if a.max(b) >= 3600 {
        let long = |s: u64| format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
        (long(a), long(b))
    } else {
        (clock(a), clock(b))
    }
}

/// The local time zone's offset now, for showing stored UTC times.
pub fn local_offset() -> FixedOffset {
    *Local::now().offset()
}

/// A stored UTC timestamp as local time, `2026-11-29 09:00`; unchanged if it does not parse.
pub fn local_time(stored: &str, offset: &FixedOffset) -> String {
    DateTime::parse_from_rfc3339(stored).map_or_else(
        |_| stored.replace('T', " ").chars().take(16).collect(),
        |t| t.with_timezone(offset).format("%Y-%m-%d %H:%M").to_string(),
    )
}

/// One attempt on one line, as `history` prints it and the history screen lists it, its start in the
/// time zone at `offset`.
pub fn attempt_row(a: &AttemptSummary, offset: &FixedOffset) -> String {
    let when = local_time(&a.started_at, offset);
    let result = match (a.status, a.mode, a.passed) {
        (Status::InProgress, _, _) => "in progress".to_string(),
        (Status::Abandoned, _, _) => "abandoned".to_string(),
        (_, Mode::Exam, Some(p)) => {
            format!("{:>4} {}", a.scaled.unwrap_or(0), if p { "PASS" } else { "FAIL" })
        }
        _ => format!("{}/{} right", a.correct.unwrap_or(0), a.questions),
    };
    // A practice test shows as "test3"; the column stays six wide up to test 99.
    let mode = match a.form {
        Some(k) => format!("test{k}"),
        None => a.mode.to_string(),
    };
    format!(
        "{when} {mode:<6}{:>3}q {result:<10}{:>8}",
        a.questions,
        clock(a.used_secs)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_together_share_a_format() {
        assert_eq!(
            clock_pair(51, 7800),
            ("0:00:51".to_string(), "2:10:00".to_string())
        );
        assert_eq!(clock_pair(51, 480), ("0:51".to_string(), "8:00".to_string()));
        assert_eq!(clock(3725), "1:02:05");
    }

    #[test]
    fn stored_times_show_in_the_local_zone() {
        let paris = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(local_time("2026-11-29T09:00:00Z", &paris), "2026-11-29 10:00");
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        assert_eq!(local_time("2026-11-29T20:30:00Z", &tokyo), "2026-11-30 05:30");
        assert_eq!(local_time("not a time", &tokyo), "not a time");
    }
}
