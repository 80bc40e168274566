//! `GET /api/direct`: the live news of the items (server-sent events), one stream per browser
//! (its tabs share it: `public/js/direct.js`). Each event is `element` with `{"element": id,
//! "quoi": kind}` and the event's id; a browser that reconnects sends the last id it got
//! (`Last-Event-ID`, or `?depuis=` for a tab that takes the stream over) and first receives what
//! it missed. Nothing personal travels: the page itself is fetched again, as the person sees it.

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::{error::RecvError, Receiver};

use atlas_service::live::{self, LiveEvent};

use crate::state::AppState;

pub const PATH: &str = "/api/direct";

fn event(e: &LiveEvent) -> Event {
    Event::default().id(e.id.to_string()).event("element").data(format!("{{\"element\":{},\"quoi\":\"{}\"}}", e.item, e.kind))
}

struct Feed {
    replay: std::vec::IntoIter<LiveEvent>,
    receiver: Receiver<LiveEvent>,
    /// Ids already sent: an event both replayed and broadcast goes once.
    sent: HashSet<i64>,
}

pub async fn stream(State(state): State<AppState>, headers: HeaderMap, Query(query): Query<HashMap<String, String>>) -> Response {
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or_else(|| query.get("depuis").and_then(|v| v.trim().parse().ok()));
    // Subscribed before the replay is read: nothing committed in between is lost.
    let receiver = state.atlas.live.subscribe();
    let replay = match after {
        Some(after) => live::since(&state.atlas.db, after).await.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "live replay unreadable");
            Vec::new()
        }),
        None => Vec::new(),
    };
    let feed = Feed { replay: replay.into_iter(), receiver, sent: HashSet::new() };
    let events = futures_util::stream::unfold(feed, |mut feed| async move {
        loop {
            if let Some(e) = feed.replay.next() {
                feed.sent.insert(e.id);
                return Some((Ok::<_, Infallible>(event(&e)), feed));
            }
            match feed.receiver.recv().await {
                Ok(e) => {
                    if feed.sent.len() > 10_000 {
                        feed.sent.clear();
                    }
                    if feed.sent.insert(e.id) {
                        return Some((Ok(event(&e)), feed));
                    }
                }
                // Too far behind: the browser fetches its page again.
                Err(RecvError::Lagged(_)) => return Some((Ok(Event::default().event("retard").data("")), feed)),
                Err(RecvError::Closed) => return None,
            }
        }
    });
    let mut response = Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))).into_response();
    // A proxy in front (nginx) must pass each event on at once.
    response.headers_mut().insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}
