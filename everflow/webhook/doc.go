// Package webhook receives Everflow partner postbacks: the URL a partner
// registers in Everflow with macros such as {transaction_id} and
// {payout_amount}, which Everflow fills in and requests when a conversion
// or event fires. A Template maps the URL's query parameters back to their
// macros, and the Handler turns each request into a typed Postback.
//
//	tmpl := "https://example.com/postbacks/everflow?tid={transaction_id}&cid={conversion_id}" +
//		"&offer={offer_id}&payout={payout_amount}&s1={sub1}&ts={conversion_unix_timestamp}&token=" + token
//	h, err := webhook.NewHandler(tmpl, webhook.Callbacks{
//		Postback: func(ctx context.Context, p *webhook.Postback) error {
//			return ledger.Credit(ctx, p.TransactionID, p.Payout, p.ConversionTime)
//		},
//	}, webhook.WithSecretParam("token", token), webhook.WithStore(webhook.NewMemoryStore(0)))
//	if err != nil {
//		return err
//	}
//	mux.Handle("/postbacks/everflow", h)
//
// Register the same template in Everflow as the partner postback, in the
// dashboard or as the PostbackURL of the everflow package's
// Pixels.Create. Each query parameter whose value is exactly one macro is
// read back into that macro's field; literal parameters, such as the
// token, are left alone.
//
// # Values
//
// Ids are kept as strings, amounts are exact everflow.Amount decimals in
// full currency units (never cents, never float64) and unix times become
// time.Time in UTC. The macros with a typed field are listed on Postback;
// every macro, known or not, is also in Postback.Values by name, with Int,
// Amount and Time to read the others. A
// macro Everflow had no value for arrives empty (or as the macro itself,
// which is treated as empty). The macro names come from Everflow's
// parameter guide and its conversion record; the fact sheet this package
// follows does not list them, so check the macro picker of your Everflow
// account for the exact names it offers.
//
// # Verification
//
// Everflow does not sign postbacks. Add a secret query parameter to the
// template and require it with WithSecretParam: a request without it is
// answered 401 and reaches no callback. The secret appears in Everflow's
// postback log (the fired URL), which network users can read.
//
// # Status codes and redeliveries
//
// Everflow records each postback's outcome and retries failed ones (the
// affiliate postback report's failed_attempts and last_attempt). The
// handler answers 200 once a postback is processed, 500 when the callback
// fails, 401 without the secret, 400 for a request that carries none of
// the template's parameters or a malformed amount or time, and 413 for a
// body over the 1 MiB cap. GET is Everflow's method; POST with a form body
// is accepted too. With WithStore, a request whose macro values were
// processed already is acknowledged without running the callback.
//
// Everflow's JSON webhooks (Control Center > Automations) are a separate
// feature and are not handled by this package.
package webhook
