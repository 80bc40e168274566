//! A Régie's answer clock: of the items posted in its QPVs over a period, the share answered
//! within 7 days and the median time to a first answer. « Reçu » alone is not an answer.

use serde::{Deserialize, Serialize};

pub const ANSWER_WITHIN_MS: i64 = 7 * 24 * 3_600_000;
/// The clock looks at the items of the last year.
pub const PERIOD_MS: i64 = 365 * 24 * 3_600_000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerClock {
    /// Items posted in the period.
    pub items: usize,
    /// Of those whose 7 days have passed or that were answered: how many, and how many in time.
    pub judged: usize,
    pub answered_in_time: usize,
    /// Median milliseconds from posting to the first answer, over the answered items.
    pub median_first_answer_ms: Option<i64>,
    /// The period's start (Unix ms).
    pub since: i64,
}

impl AnswerClock {
    /// From each item's (posted at, first answer at) in the period, as of `now`.
    pub fn of(items: &[(i64, Option<i64>)], now: i64) -> Self {
        let since = now - PERIOD_MS;
        let in_period: Vec<_> = items.iter().filter(|(posted, _)| *posted >= since).collect();
        let judged: Vec<_> = in_period.iter().filter(|(posted, answered)| answered.is_some() || now - posted > ANSWER_WITHIN_MS).collect();
        let answered_in_time = judged.iter().filter(|(posted, answered)| answered.is_some_and(|a| a - posted <= ANSWER_WITHIN_MS)).count();
        let mut delays: Vec<i64> = in_period.iter().filter_map(|(posted, answered)| answered.map(|a| a - posted)).collect();
        delays.sort_unstable();
        let median_first_answer_ms = match delays.len() {
            0 => None,
            n if n % 2 == 1 => Some(delays[n / 2]),
            n => Some((delays[n / 2 - 1] + delays[n / 2]) / 2),
        };
        Self { items: in_period.len(), judged: judged.len(), answered_in_time, median_first_answer_ms, since }
    }

    /// Percentage answered within 7 days, once there is something to judge.
    pub fn share_percent(&self) -> Option<u32> {
        (self.judged > 0).then(|| ((self.answered_in_time * 100 + self.judged / 2) / self.judged) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 3_600_000;

    #[test]
    fn counts_answers_within_seven_days_and_the_median() {
        let now = 400 * DAY;
        let items = [
            (now - 20 * DAY, Some(now - 19 * DAY)), // 1 day
            (now - 20 * DAY, Some(now - 10 * DAY)), // 10 days: late
            (now - 20 * DAY, None),                 // never: late
            (now - 2 * DAY, None),                  // too recent to judge
            (now - 3 * DAY, Some(now - DAY)),       // 2 days
            (now - 380 * DAY, Some(now - 379 * DAY)), // outside the period
        ];
        let clock = AnswerClock::of(&items, now);
        assert_eq!(clock.items, 5);
        assert_eq!(clock.judged, 4);
        assert_eq!(clock.answered_in_time, 2);
        assert_eq!(clock.share_percent(), Some(50));
        // Delays 1, 2, 10 days: the median is 2 days.
        assert_eq!(clock.median_first_answer_ms, Some(2 * DAY));
    }

    #[test]
    fn nothing_to_judge_gives_no_share() {
        let clock = AnswerClock::of(&[(10 * DAY, None)], 11 * DAY);
        assert_eq!((clock.items, clock.judged, clock.share_percent(), clock.median_first_answer_ms), (1, 0, None, None));
        assert_eq!(AnswerClock::of(&[], DAY).share_percent(), None);
    }
}
