// Package webhook receives Refersion's webhooks: it verifies each
// delivery's Refersion-Signature, decodes the payload and dispatches it to
// typed callbacks.
//
//	h, err := webhook.NewHandler(webhook.Callbacks{
//		Conversion: func(ctx context.Context, ev *webhook.Event, c *webhook.Conversion) error {
//			return ledger.Record(ctx, c.OrderID, c.Status, c.CommissionTotal)
//		},
//	}, webhook.WithSecret(os.Getenv("REFERSION_WEBHOOK_SECRET")),
//		webhook.WithStore(webhook.NewMemoryStore(0)))
//	if err != nil {
//		return err
//	}
//	mux.Handle("POST /webhooks/refersion", h)
//
// Webhooks are set up in Refersion's dashboard (Account > Settings >
// Webhooks), one URL per topic or for All Topics; the REST API cannot
// manage them.
//
// # Verification
//
// Refersion signs every delivery: Refersion-Signature is the base64
// HMAC-SHA256 of the raw body keyed with the account's Webhook Signing
// Secret, shown under Account > Settings > Webhooks ("Webhook Validation",
// refersion.dev/reference/webhook-validation). A delivery whose signature
// is missing or wrong is answered 401 and reaches no callback; the
// comparison takes constant time.
//
// # Topics
//
// The Refersion-Topic header names the event. Refersion's documentation
// lists nine topics (New Conversion, Conversion Approved, Conversion
// Denied, New Payment, New Affiliate, Affiliate Status Change, Affiliate
// Details Change, New Conversion Trigger and, on Enterprise plans, Bonus
// Tier Movement) but shows only two header values, APPROVED_CONVERSION and
// AFFILIATE_DETAILS_CHANGE. The handler therefore routes by the topic's
// words (CONVERSION, AFFILIATE, TRIGGER, PAYMENT; see Kind) and, when the
// header is missing, by the payload's fields. Conversions, affiliates and
// conversion triggers reach typed callbacks; payments, whose payload
// Refersion describes only loosely, and anything unrecognised reach
// Default with the raw body.
//
// Field types are not documented beyond one truncated example, whose
// money values and counts are strings ("59.00", "1"): every number,
// boolean and time decodes from either form, and times without a zone
// ("2020-02-14 18:48:42") are read as UTC. Money is an exact
// [refersion.Amount] in major units, never a float: "59.00" stays "59.00",
// in the conversion's currency, and a null amount stays null. A code that
// Refersion sends as null (denied_reason_code) is a *string, nil for null;
// free text and the other ids (reason, notes, payment_id, coupon_code)
// read null as "".
//
// # Redeliveries and status codes
//
// Refersion documents neither retries nor the status codes it expects. The
// handler answers 200 once an event is processed, 500 when a callback
// fails (so that a retrying sender tries again), and 401, 400, 405 or 413
// for deliveries that fail verification, do not parse, use another method
// or exceed the 1 MiB body cap. Deliveries carry no event id: with
// WithStore, the key of an event is the SHA-256 of its topic and body, so
// a byte-identical redelivery is acknowledged without processing while a
// new change to the same conversion is processed.
//
// Keep callbacks short and serve the handler with read timeouts, e.g.
// http.Server{ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 *
// time.Second}.
package webhook
