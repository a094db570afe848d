package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	efwebhook "github.com/affiliatekit/affiliatekit-go/everflow/webhook"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	fpwebhook "github.com/affiliatekit/affiliatekit-go/firstpromoter/webhook"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	pswebhook "github.com/affiliatekit/affiliatekit-go/partnerstack/webhook"
	rfwebhook "github.com/affiliatekit/affiliatekit-go/refersion/webhook"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// secretParam is the query parameter that carries the webhook secret of
// the platforms that sign nothing (PartnerStack, Everflow): register
// https://HOST/webhooks/ACCOUNT_ID?token=SECRET with them.
const secretParam = "token"

// everflowTemplate is the partner postback URL to register in Everflow
// for an account (with &token=SECRET appended): its macros fill the
// record written to transactions.
const everflowTemplate = "https://fleet.invalid/webhooks/ACCOUNT?cid={conversion_id}&tid={transaction_id}" +
	"&aff={affiliate_id}&offer={offer_id}&payout={payout_amount}&cur={currency_id}&ts={conversion_unix_timestamp}"

// webhookServer serves one URL per account, /webhooks/{account id}. Each
// delivery is verified by the platform package's handler with the
// account's webhook_secret (read afresh from its credentials), claimed in
// webhook_deliveries under the key the package's Store is given, and
// enqueued as a River job unique by that key, in one transaction that
// also marks the delivery done. A redelivery is answered 200 without a
// second job; the job writes the record by its platform id, so a sync
// that reads it later updates the same row.
type webhookServer struct {
	env    *environment
	client *river.Client[pgx.Tx]
}

// cmdServeWebhooks runs the webhook server until the context ends.
func cmdServeWebhooks(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("serve-webhooks", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("serve-webhooks takes no arguments")
	}
	pool, err := env.pool(ctx)
	if err != nil {
		return err
	}
	client, err := river.NewClient[pgx.Tx](riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		return err
	}
	ws := &webhookServer{env: env, client: client}
	mux := http.NewServeMux()
	mux.HandleFunc("/webhooks/{account}", ws.serve)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) }}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	env.log.Info("serving webhooks", slog.String("addr", ln.Addr().String()))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// serve handles one delivery for one account.
func (ws *webhookServer) serve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("account"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	a, err := loadAccount(ctx, ws.env.db, id)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	log := ws.env.log.With(slog.Int64("account", a.ID), slog.String("platform", a.Platform))
	creds, err := loadCredentials(a, ws.env.getenv)
	if err != nil || creds == nil || creds.WebhookSecret == "" {
		// Unverifiable deliveries are refused; the platform retries them.
		if err == nil {
			err = errors.New("no webhook_secret in the account's credentials")
		}
		log.Error("webhook refused", slog.String("error", err.Error()))
		http.Error(w, "webhooks are not configured for this account", http.StatusServiceUnavailable)
		return
	}
	h, err := ws.handler(a, creds.WebhookSecret, log)
	if err != nil {
		log.Error("webhook handler", slog.String("error", err.Error()))
		http.Error(w, "webhooks are not available for this account", http.StatusNotFound)
		return
	}
	h.ServeHTTP(w, r.WithContext(context.WithValue(ctx, claimKey{}, new(string))))
}

// handler builds the platform package's handler for the account.
func (ws *webhookServer) handler(a *account, secret string, log *slog.Logger) (http.Handler, error) {
	store := &pgWebhookStore{ws: ws, accountID: a.ID}
	enqueue := func(ctx context.Context, typ, table, streamName, recordID string, amount interface {
		IsNull() bool
		String() string
		Currency() string
	}, currency string, payload any) error {
		raw, err := json.Marshal(payload)
		if err != nil {
			return err
		}
		args := WebhookArgs{Platform: a.Platform, AccountID: a.ID, Type: typ, Table: table, Stream: streamName,
			RecordID: recordID, Payload: raw}
		if amount != nil && !amount.IsNull() && recordID != "" {
			args.Amount, args.Currency = amount.String(), currency
			if args.Currency == "" {
				args.Currency = amount.Currency()
			}
		}
		return store.enqueue(ctx, log, args)
	}
	switch a.Platform {
	case "firstpromoter":
		return fpwebhook.NewHandler(fpwebhook.Callbacks{
			Promoter: func(ctx context.Context, ev *fpwebhook.Event, p *firstpromoter.Promoter) error {
				return enqueue(ctx, ev.Type, "affiliates", "promoters", strconv.FormatInt(p.ID, 10), nil, "", p)
			},
			Referral: func(ctx context.Context, ev *fpwebhook.Event, rf *firstpromoter.Referral) error {
				return enqueue(ctx, ev.Type, "referrals", "referrals", strconv.FormatInt(rf.ID, 10), nil, "", rf)
			},
			Commission: func(ctx context.Context, ev *fpwebhook.Event, c *firstpromoter.Commission) error {
				return enqueue(ctx, ev.Type, "transactions", "commissions", strconv.FormatInt(c.ID, 10), c.Amount, "", c)
			},
			Default: func(ctx context.Context, ev *fpwebhook.Event) error {
				return enqueue(ctx, ev.Type, "", "", "", nil, "", json.RawMessage(ev.Raw))
			},
		}, fpwebhook.WithSecret(secret), fpwebhook.WithStore(store))
	case "partnerstack":
		return pswebhook.NewHandler(pswebhook.Callbacks{
			Partnership: func(ctx context.Context, ev *pswebhook.Event, p *partnerstack.Partnership) error {
				return enqueue(ctx, ev.Type, "affiliates", "partnerships", p.Key, nil, "", p)
			},
			Customer: func(ctx context.Context, ev *pswebhook.Event, c *partnerstack.Customer) error {
				return enqueue(ctx, ev.Type, "referrals", "customers", c.Key, nil, "", c)
			},
			Default: func(ctx context.Context, ev *pswebhook.Event) error {
				return enqueue(ctx, ev.Type, "", "", "", nil, "", json.RawMessage(ev.Raw))
			},
		}, pswebhook.WithSecretParam(secretParam, secret), pswebhook.WithStore(store))
	case "refersion":
		return rfwebhook.NewHandler(rfwebhook.Callbacks{
			Conversion: func(ctx context.Context, ev *rfwebhook.Event, c *rfwebhook.Conversion) error {
				return enqueue(ctx, ev.Type, "transactions", "conversions", strconv.FormatInt(c.ID, 10), c.CommissionTotal, c.Currency, c)
			},
			Affiliate: func(ctx context.Context, ev *rfwebhook.Event, af *rfwebhook.Affiliate) error {
				if af.Code == "" {
					return enqueue(ctx, ev.Type, "", "", "", nil, "", af)
				}
				return enqueue(ctx, ev.Type, "affiliates", "affiliates", af.Code, nil, "", af)
			},
			Default: func(ctx context.Context, ev *rfwebhook.Event) error {
				return enqueue(ctx, ev.Type, "", "", "", nil, "", json.RawMessage(ev.Raw))
			},
		}, rfwebhook.WithSecret(secret), rfwebhook.WithStore(store))
	case "everflow":
		return efwebhook.NewHandler(everflowTemplate, efwebhook.Callbacks{
			Postback: func(ctx context.Context, p *efwebhook.Postback) error {
				if p.ConversionID == "" {
					return enqueue(ctx, "postback", "", "", "", nil, "", p.Values)
				}
				return enqueue(ctx, "postback", "transactions", "conversions", p.ConversionID, p.Payout, p.Currency, p.Values)
			},
		}, efwebhook.WithSecretParam(secretParam, secret), efwebhook.WithStore(store))
	}
	return nil, fmt.Errorf("%s sends no webhooks this fleet handles", a.Platform)
}

// claimKey carries, in a delivery's context, the key the package's
// handler claimed in the Store, so that the callback enqueues its job
// under the same key.
type claimKey struct{}

// pgWebhookStore is the packages' webhook Store kept in
// webhook_deliveries, shared by every serve-webhooks process: Claim
// inserts the key (or takes over a claim older than the claim TTL),
// Complete marks it done, Release drops an unfinished claim.
type pgWebhookStore struct {
	ws        *webhookServer
	accountID int64
}

// claimTTL is how long a claim holds when its process dies before it
// completes or releases it.
const claimTTL = 10 * time.Minute

// Claim implements the webhook packages' Store.
func (s *pgWebhookStore) Claim(ctx context.Context, key string) (fpwebhook.ClaimState, error) {
	if p, ok := ctx.Value(claimKey{}).(*string); ok {
		*p = key
	}
	tag, err := s.ws.env.db.Exec(ctx, `INSERT INTO webhook_deliveries (account_id, key, state) VALUES ($1, $2, 'claimed')
		ON CONFLICT (account_id, key) DO UPDATE SET claimed_at = now()
		WHERE webhook_deliveries.state = 'claimed' AND webhook_deliveries.claimed_at < now() - make_interval(secs => $3)`,
		s.accountID, key, claimTTL.Seconds())
	if err != nil {
		return fpwebhook.ClaimBusy, err
	}
	if tag.RowsAffected() == 1 {
		return fpwebhook.ClaimNew, nil
	}
	var state string
	if err := s.ws.env.db.QueryRow(ctx, `SELECT state FROM webhook_deliveries WHERE account_id = $1 AND key = $2`,
		s.accountID, key).Scan(&state); err != nil {
		return fpwebhook.ClaimBusy, err
	}
	if state == "done" {
		return fpwebhook.ClaimDone, nil
	}
	return fpwebhook.ClaimBusy, nil
}

// Complete implements the webhook packages' Store.
func (s *pgWebhookStore) Complete(ctx context.Context, key string) error {
	_, err := s.ws.env.db.Exec(ctx, `UPDATE webhook_deliveries SET state = 'done', done_at = coalesce(done_at, now())
		WHERE account_id = $1 AND key = $2`, s.accountID, key)
	return err
}

// Release implements the webhook packages' Store.
func (s *pgWebhookStore) Release(ctx context.Context, key string) error {
	_, err := s.ws.env.db.Exec(ctx, `DELETE FROM webhook_deliveries WHERE account_id = $1 AND key = $2 AND state = 'claimed'`,
		s.accountID, key)
	return err
}

// enqueue inserts the delivery's job, keyed by the claimed key, and marks
// the delivery done, in one transaction.
func (s *pgWebhookStore) enqueue(ctx context.Context, log *slog.Logger, args WebhookArgs) error {
	if key, _ := ctx.Value(claimKey{}).(*string); key != nil && *key != "" {
		args.Key = *key
	} else {
		// The package gave the Store no key (an event without an id):
		// the payload's hash keys the job, so a redelivery of the same
		// bytes still enqueues nothing new.
		sum := sha256.Sum256(args.Payload)
		args.Key = args.Platform + ":sha256:" + hex.EncodeToString(sum[:])
	}
	tx, err := s.ws.env.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	res, err := s.ws.client.InsertTx(ctx, tx, args, nil)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE webhook_deliveries SET state = 'done', done_at = now() WHERE account_id = $1 AND key = $2`,
		s.accountID, args.Key); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	log.Info("webhook enqueued", slog.String("stream", args.Stream), slog.String("type", args.Type),
		slog.Int64("job_id", res.Job.ID), slog.Bool("duplicate", res.UniqueSkippedAsDuplicate))
	return nil
}

// webhookWorker applies verified webhook deliveries.
type webhookWorker struct {
	river.WorkerDefaults[WebhookArgs]
	env *environment
	cfg workConfig
}

// Timeout implements river.Worker: the job timeout, explicitly.
func (w *webhookWorker) Timeout(*river.Job[WebhookArgs]) time.Duration { return w.cfg.jobTimeout }

// Work implements river.Worker: the record (when the event carries one
// the sync also reads) is written by its platform id and the event logged
// in webhook_events, with the job's completion, in one transaction.
func (w *webhookWorker) Work(ctx context.Context, job *river.Job[WebhookArgs]) error {
	args := job.Args
	log := w.env.log.With(slog.Int64("account", args.AccountID), slog.String("platform", args.Platform),
		slog.String("stream", args.Stream), slog.Int64("job_id", job.ID))
	tx, err := w.env.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	tag, err := tx.Exec(ctx, `INSERT INTO webhook_events (account_id, key, type, payload) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, args.AccountID, args.Key, args.Type, string(args.Payload))
	if err != nil {
		var n int
		if e2 := w.env.db.QueryRow(ctx, `SELECT count(*) FROM accounts WHERE id = $1`, args.AccountID).Scan(&n); e2 == nil && n == 0 {
			return river.JobCancel(fmt.Errorf("account %d is gone", args.AccountID))
		}
		return err
	}
	written := int64(0)
	if tag.RowsAffected() == 1 && args.Table != "" && args.RecordID != "" {
		rec := record{id: args.RecordID, raw: args.Payload, currency: args.Currency}
		if args.Amount != "" {
			a := args.Amount
			rec.amount = &a
		}
		st := &stream{name: args.Stream, table: args.Table}
		if written, err = upsertRecords(ctx, tx, args.Platform, args.AccountID, st, []record{rec}, 0, "webhook"); err != nil {
			return err
		}
	}
	if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	log.Info("webhook applied", slog.String("type", args.Type), slog.Int64("written", written))
	return nil
}
