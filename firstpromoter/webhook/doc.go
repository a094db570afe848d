// Package webhook receives FirstPromoter's webhooks (v2): it verifies each
// delivery's signature, decodes the payload into the firstpromoter
// package's resource types and dispatches it to typed callbacks, answering
// the status codes FirstPromoter acts on.
//
// Mount a Handler where the subscription's URL points:
//
//	h, err := webhook.NewHandler(webhook.Callbacks{
//		Referral: func(ctx context.Context, ev *webhook.Event, r *firstpromoter.Referral) error {
//			return crm.UpsertReferral(ctx, r)
//		},
//		Default: func(ctx context.Context, ev *webhook.Event) error {
//			log.Printf("unhandled %s %s", ev.Type, ev.Raw)
//			return nil
//		},
//	}, webhook.WithSecret(os.Getenv("FIRSTPROMOTER_WEBHOOK_SECRET")),
//		webhook.WithStore(webhook.NewMemoryStore(0)))
//	if err != nil {
//		return err
//	}
//	mux.Handle("POST /webhooks/firstpromoter", h)
//
// # Verification
//
// FirstPromoter signs every delivery: the X-Webhook-Signature header is the
// lowercase hex HMAC-SHA256 of the raw body keyed with the subscription's
// secret_key ("Security & Signature Verification", docs.firstpromoter.com
// /webhooks-v2/security). The secret is shown when the subscription is
// created (firstpromoter's WebhookSubscription.SecretKey) and after each
// rotation; pass the old and the new secret to WithSecret while rotating.
// A subscription's basic-auth credentials and custom headers are checked
// too when configured with WithBasicAuth and WithHeader. A delivery that
// fails any check is answered 401 and reaches no callback.
//
// # Status codes
//
// FirstPromoter retries every answer other than 2xx with exponential
// backoff, up to the subscription's max_retries (about 17 hours at the
// default of 10). The handler answers 200 for a processed, redelivered or
// unhandled event; 500 when a callback returns an error, so that the event
// comes again; 401, 400, 405 and 413 for deliveries that fail
// verification, do not parse, use another method or exceed the body cap.
//
// # Events
//
// Event carries the envelope (event id, type, action, entity, changes and
// time). Events whose entity is a promoter, promoter campaign, referral,
// commission or payout reach the matching typed callback with the resource
// decoded; every other event (payout methods, payments batches, contract
// documents, event types added later) reaches Default with the raw
// payload. Test deliveries, whose data is {"test": true}, reach Test.
//
// # Redeliveries and timeouts
//
// event_id is the same in every delivery of an event. With [WithStore], an
// event already processed is acknowledged without running a callback, and
// a delivery that arrives while the same event is being processed is
// answered 409 so that it comes again later. [NewMemoryStore] serves a
// single process; share a [Store] (Redis, SQL) between replicas.
//
// FirstPromoter waits 30 seconds for an answer by default: keep callbacks
// short and hand heavy work to a queue. Serve the handler with read
// timeouts, e.g. http.Server{ReadHeaderTimeout: 5 * time.Second,
// ReadTimeout: 10 * time.Second}, so that a slow client cannot hold a
// connection; the body is capped at 1 MiB ([WithMaxBodyBytes]).
package webhook
