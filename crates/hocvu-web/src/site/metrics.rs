//! `/metrics`: the Prometheus text format, for the addresses the operator allows (loopback by
//! default). Requests by route and status and their latency are counted by [`track`], the
//! outermost middleware; the event writer's series come from the store.

use crate::site::accounts::Accounts;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use hocvu_store::metrics::registered;
use prometheus::{
    HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGaugeVec, Opts, TextEncoder,
};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static REQUESTS: LazyLock<IntCounterVec> = LazyLock::new(|| {
    registered(IntCounterVec::new(
        Opts::new(
            "hocvu_http_requests_total",
            "HTTP requests by route and status.",
        ),
        &["route", "status"],
    ))
});

static LATENCY: LazyLock<HistogramVec> = LazyLock::new(|| {
    registered(HistogramVec::new(
        HistogramOpts::new(
            "hocvu_http_request_duration_seconds",
            "Time to answer a request, by route.",
        )
        .buckets(vec![
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
        ]),
        &["route"],
    ))
});

static PAGE_CACHE_HITS: LazyLock<IntCounter> = LazyLock::new(|| {
    registered(IntCounter::new(
        "hocvu_page_cache_hits_total",
        "Requests answered from the pre-rendered page cache.",
    ))
});

static THROTTLED: LazyLock<IntCounterVec> = LazyLock::new(|| {
    registered(IntCounterVec::new(
        Opts::new(
            "hocvu_throttle_refusals_total",
            "Attempts refused by throttling: login, activation code, check-in code.",
        ),
        &["kind"],
    ))
});

static POOL: LazyLock<IntGaugeVec> = LazyLock::new(|| {
    registered(IntGaugeVec::new(
        Opts::new(
            "hocvu_db_pool_connections",
            "Database connections of this server's pool: idle or in use.",
        ),
        &["state"],
    ))
});

/// One `info` line per request (off by default: the access log belongs to the proxy).
pub static LOG_REQUESTS: AtomicBool = AtomicBool::new(false);

/// Marks a request answered by the page cache (its route is not matched by the router).
pub struct PageCacheHit;

pub fn page_cache_hit() {
    PAGE_CACHE_HITS.inc();
}

/// `kind`: `login`, `activation` or `checkin`.
pub fn throttled(kind: &str) {
    THROTTLED.with_label_values(&[kind]).inc();
}

/// Creates every series now, so the first scrape lists them all.
pub fn init() {
    hocvu_store::metrics::init();
    LazyLock::force(&PAGE_CACHE_HITS);
    for kind in ["login", "activation", "checkin"] {
        THROTTLED.with_label_values(&[kind]);
    }
    for state in ["idle", "in_use"] {
        POOL.with_label_values(&[state]);
    }
    LazyLock::force(&LATENCY);
    LazyLock::force(&REQUESTS);
}

pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let res = next.call(req).await?;
    let elapsed = started.elapsed();
    let request = res.request();
    let route = if request.extensions().contains::<PageCacheHit>() {
        "page_cache".to_string()
    } else {
        request
            .match_pattern()
            .unwrap_or_else(|| "unmatched".to_string())
    };
    let status = res.status();
    REQUESTS
        .with_label_values(&[route.as_str(), status.as_str()])
        .inc();
    LATENCY
        .with_label_values(&[route.as_str()])
        .observe(elapsed.as_secs_f64());
    if LOG_REQUESTS.load(Ordering::Relaxed) {
        tracing::info!(
            method = %request.method(),
            path = request.path(),
            status = status.as_u16(),
            ms = elapsed.as_secs_f64() * 1000.0,
            "request"
        );
    }
    Ok(res)
}

/// The networks allowed to read `/metrics`.
pub struct MetricsAccess(pub Vec<ipnet::IpNet>);

impl MetricsAccess {
    /// `"127.0.0.1/32, ::1"`: networks or single addresses, separated by commas or spaces.
    pub fn parse(list: &str) -> Result<MetricsAccess, String> {
        list.split([',', ' '])
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<ipnet::IpNet>()
                    .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| format!("metrics_allow: `{s}` is not an address or network"))
            })
            .collect::<Result<_, _>>()
            .map(MetricsAccess)
    }

    fn allows(&self, req: &HttpRequest) -> bool {
        req.peer_addr().is_some_and(|peer| {
            let ip = match peer.ip() {
                std::net::IpAddr::V6(v6) => v6
                    .to_ipv4_mapped()
                    .map_or(std::net::IpAddr::V6(v6), std::net::IpAddr::V4),
                v4 => v4,
            };
            self.0.iter().any(|net| net.contains(&ip))
        })
    }
}

/// GET `/metrics`. The direct peer's address decides, never a forwarded header: a proxy in
/// front must not pass `/metrics` on (the nginx site in deploy/ refuses it).
pub async fn handle(
    req: HttpRequest,
    access: web::Data<MetricsAccess>,
    accounts: web::Data<Accounts>,
) -> HttpResponse {
    if !access.allows(&req) {
        return HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("/metrics is not open to this address (setting metrics_allow)\n");
    }
    let (size, idle) = accounts.store.pool_state();
    POOL.with_label_values(&["idle"]).set(idle as i64);
    POOL.with_label_values(&["in_use"])
        .set(i64::from(size) - idle as i64);
    let body = TextEncoder::new()
        .encode_to_string(&prometheus::gather())
        .unwrap_or_default();
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_networks_parse_and_bad_ones_are_named() {
        let a = MetricsAccess::parse("127.0.0.1/32, ::1 10.0.0.0/8").unwrap();
        assert_eq!(a.0.len(), 3);
        let err = MetricsAccess::parse("127.0.0.1, localhost").err().unwrap();
        assert!(err.contains("localhost"), "{err}");
    }
}
