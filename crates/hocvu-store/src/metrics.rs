//! The event writer's series, in the process-wide Prometheus registry (the web crate renders
//! it at `/metrics`): batches waiting, and the size of each group commit.

use prometheus::{Histogram, HistogramOpts, IntCounter, IntGauge};
use std::sync::LazyLock;

/// Registers `metric` in the default registry. Names and help texts are constants, so the
/// only failure is a programming error that the unit test below catches.
#[allow(clippy::expect_used)]
pub fn registered<M: prometheus::core::Collector + Clone + 'static>(
    metric: prometheus::Result<M>,
) -> M {
    let metric = metric.expect("constant metric definition");
    let _ = prometheus::default_registry().register(Box::new(metric.clone()));
    metric
}

pub static EVENT_QUEUE: LazyLock<IntGauge> = LazyLock::new(|| {
    registered(IntGauge::new(
        "hocvu_event_queue_batches",
        "Event batches waiting for the group-commit writer.",
    ))
});

pub static COMMIT_BATCHES: LazyLock<Histogram> = LazyLock::new(|| {
    registered(Histogram::with_opts(
        HistogramOpts::new(
            "hocvu_event_commit_batches",
            "Event batches (requests) committed together in one transaction.",
        )
        .buckets(vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0]),
    ))
});

pub static COMMIT_EVENTS: LazyLock<Histogram> = LazyLock::new(|| {
    registered(Histogram::with_opts(
        HistogramOpts::new(
            "hocvu_event_commit_events",
            "Events committed together in one transaction.",
        )
        .buckets(vec![1.0, 5.0, 10.0, 50.0, 100.0, 500.0, 1000.0, 2000.0]),
    ))
});

pub static COMMIT_RETRIES: LazyLock<IntCounter> = LazyLock::new(|| {
    registered(IntCounter::new(
        "hocvu_event_commit_retries_total",
        "Group commits tried again because the database was unreachable.",
    ))
});

/// A group taken off the queue for one commit.
pub(crate) fn gathered(batches: usize, events: usize) {
    EVENT_QUEUE.sub(batches as i64);
    COMMIT_BATCHES.observe(batches as f64);
    COMMIT_EVENTS.observe(events as f64);
}

/// Sends a batch to the writer, counted as waiting until the writer takes it.
pub(crate) fn queue(
    queue: &crate::events::Queue,
    batch: crate::events::Batch,
) -> Result<(), crate::StoreError> {
    EVENT_QUEUE.inc();
    queue.send(batch).map_err(|_| {
        EVENT_QUEUE.dec();
        crate::StoreError::WriterStopped
    })
}

/// Creates every series now, so a scrape shows them before the first event.
pub fn init() {
    LazyLock::force(&EVENT_QUEUE);
    LazyLock::force(&COMMIT_BATCHES);
    LazyLock::force(&COMMIT_EVENTS);
    LazyLock::force(&COMMIT_RETRIES);
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_series_is_valid_and_registered() {
        super::init();
        let names: Vec<String> = prometheus::gather()
            .iter()
            .map(|f| f.name().to_string())
            .collect();
        for n in ["hocvu_event_queue_batches", "hocvu_event_commit_events"] {
            assert!(names.iter().any(|x| x == n), "{names:?}");
        }
    }
}
