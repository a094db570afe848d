// Package webhook receives PartnerStack's webhooks (sent to vendors) and
// postbacks (sent to partners): it decodes each delivery into the
// partnerstack package's resource types and dispatches it to typed
// callbacks.
//
//	h, err := webhook.NewHandler(webhook.Callbacks{
//		Partnership: func(ctx context.Context, ev *webhook.Event, p *partnerstack.Partnership) error {
//			return crm.UpsertPartner(ctx, p)
//		},
//	}, webhook.WithSecretParam("token", os.Getenv("PARTNERSTACK_WEBHOOK_TOKEN")),
//		webhook.WithStore(webhook.NewMemoryStore(0)))
//	if err != nil {
//		return err
//	}
//	mux.Handle("POST /webhooks/partnerstack", h)
//
// Vendors subscribe a target URL to events with the Webhooks API
// (partnerstack's Client.Webhooks.Create); partners set up postbacks in
// their dashboard (Settings > Postback).
//
// # Verification
//
// PartnerStack documents no signature, shared secret or authentication
// header for webhooks or postbacks: anyone who knows the URL can post to
// it. Put an unguessable token in the URL you register
// (https://example.com/webhooks/partnerstack?token=...) and require it with
// WithSecretParam; a delivery without it is answered 401 and reaches no
// callback. Treat payloads as notifications and read sensitive state back
// through the API when it matters.
//
// # Events
//
// Vendor webhooks carry the resource itself, with its event name in an
// "event" field (partnership_created, customer_updated, ...); partner
// postbacks wrap it as {"event": ..., "data": {...}}. Both forms are
// accepted. PartnerStack's documentation spells some names with a dot
// (agreement.accepted) and its versions disagree on others, so names are
// matched with dots and underscores alike. Partnership, customer and
// action events reach typed callbacks; everything else (agreement.accepted,
// postback events for rewards and the like, names added later) reaches
// Default with the raw payload, and the postback test event ("test")
// reaches Test. A handler mounted on a URL registered for a single event
// can name it with WithEventType for payloads that lack the field.
//
// # Redeliveries and status codes
//
// PartnerStack documents neither retries nor the status codes it expects.
// The handler answers 200 once an event is processed, 500 when a callback
// fails, and 401, 400, 405 or 413 for deliveries that fail the token check,
// do not parse, use another method or exceed the 1 MiB body cap.
// Deliveries carry no event id: with WithStore, the key of an event is the
// SHA-256 of its body, so a byte-identical redelivery is acknowledged
// without processing.
//
// Keep callbacks short and serve the handler with read timeouts, e.g.
// http.Server{ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 *
// time.Second}.
package webhook
