//! The outbox delivered over real SMTP (lettre → a local sink started here), on both backends:
//! every mail once with its Message-ID, text and HTML, even with two instances sending from one
//! database at the same time; a failed attempt waits and is retried.

mod common;

use atlas_core::locale::Locale;
use atlas_service::account::{self, store::now_ms};
use atlas_service::mail::{self, sender, Mail};
use atlas_service::{db, Actor};
use common::smtp_sink::Sink;
use common::{backends, fresh_url};

fn mail(n: usize) -> Mail {
    Mail { to: format!("habitant{n}@exemple.fr"), subject: format!("Essai {n}"), text: format!("texte {n}"), html: format!("<p>html {n}</p>") }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_deliver_every_mail_once() {
    for backend in backends() {
        let url = fresh_url(backend).await;
        let first = db::connect(&url).await.unwrap();
        first.migrate().await.unwrap();
        let second = db::connect(&url).await.unwrap();
        let sink = Sink::start().await;
        let smtp = sender::Smtp::new(&format!("smtp://127.0.0.1:{}", sink.port), "Atlas des Régies <atlas@exemple.fr>").unwrap();

        // A sign-up's confirmation, then 40 more mails.
        let outcome = account::sign_up(&first, &Actor::Anonymous, "zoe@exemple.fr", "Zoé", "une phrase de passe solide", Locale::Fr).await.unwrap();
        assert_eq!(outcome, account::FormOutcome::Done(()));
        let mut conn = first.pool.acquire().await.unwrap();
        for n in 0..40 {
            mail::enqueue(&mut conn, &mail(n), now_ms()).await.unwrap();
        }
        drop(conn);

        // Two "instances" drain the outbox at the same time.
        let (a, b) = tokio::join!(
            async {
                let mut sent = 0;
                for _ in 0..10 {
                    sent += sender::deliver_due(&first, &smtp).await.unwrap();
                }
                sent
            },
            async {
                let mut sent = 0;
                for _ in 0..10 {
                    sent += sender::deliver_due(&second, &smtp).await.unwrap();
                }
                sent
            }
        );
        assert_eq!(a + b, 41, "{backend}: every mail delivered ({a} + {b})");
        let received = sink.received();
        assert_eq!(received.len(), 41, "{backend}: none twice");
        let ids: std::collections::BTreeSet<String> = received
            .iter()
            .map(|m| m.lines().find(|l| l.to_ascii_lowercase().starts_with("message-id:")).unwrap_or("").to_owned())
            .collect();
        assert_eq!(ids.len(), 41, "{backend}: one Message-ID each");
        let confirmation = received.iter().find(|m| m.contains("zoe@exemple.fr")).expect("the confirmation");
        assert!(confirmation.contains("multipart/alternative") && confirmation.contains("text/plain") && confirmation.contains("text/html"), "{backend}");
        assert!(confirmation.contains("/compte/confirmer?jeton="), "{backend}");
        let stored: Vec<String> = sqlx::query_scalar("SELECT message_id FROM outbox").fetch_all(&first.pool).await.unwrap();
        assert!(stored.iter().all(|id| ids.iter().any(|h| h.contains(id.as_str()))), "{backend}: the stored Message-ID is the one sent");
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetch_one(&first.pool).await.unwrap();
        assert_eq!(pending, 0, "{backend}");

        // SMTP down: the attempt is counted, the error kept, the next one waits; then it goes.
        let down = sender::Smtp::new(&format!("smtp://127.0.0.1:{}", common::process::free_port()), "atlas@exemple.fr").unwrap();
        let mut conn = first.pool.acquire().await.unwrap();
        mail::enqueue(&mut conn, &mail(99), now_ms()).await.unwrap();
        drop(conn);
        assert_eq!(sender::deliver_due(&first, &down).await.unwrap(), 0);
        let (attempts, next, error): (i32, i64, Option<String>) =
            sqlx::query_as("SELECT attempts, next_attempt_at, last_error FROM outbox WHERE sent_at IS NULL").fetch_one(&first.pool).await.unwrap();
        assert_eq!(attempts, 1, "{backend}");
        assert!(next >= now_ms() + 50_000, "{backend}: waits about a minute");
        assert!(error.is_some_and(|e| !e.is_empty()), "{backend}");
        assert_eq!(sender::deliver_due(&first, &smtp).await.unwrap(), 0, "{backend}: not before its time");
        sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE sent_at IS NULL").execute(&first.pool).await.unwrap();
        assert_eq!(sender::deliver_due(&first, &smtp).await.unwrap(), 1, "{backend}");
        assert_eq!(sink.received().len(), 42, "{backend}");
    }
}

#[test]
fn the_wait_between_attempts_grows_and_is_capped() {
    assert_eq!(sender::backoff_ms(1), 120_000);
    assert_eq!(sender::backoff_ms(2), 240_000);
    assert_eq!(sender::backoff_ms(11), 6 * 3_600_000);
}
