package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// account is one row of the accounts table: a platform account to sync,
// where its credentials come from (never the credentials themselves) and
// its quota.
type account struct {
	ID       int64
	Platform string
	Name     string
	// CredentialsEnv or CredentialsFile names the source of the account's
	// credentials (see credentials); neither: the demo fakes.
	CredentialsEnv  string
	CredentialsFile string
	// BaseURL and GraphQLURL override the API's addresses (EU hosts, a
	// Post Affiliate Pro installation, a test server).
	BaseURL    string
	GraphQLURL string
	// Start is where the window streams' first pass begins (zero: the
	// platform's report lookback).
	Start time.Time
	// RateRequests per RatePer is the account's quota, shared by every
	// worker of the fleet.
	RateRequests int
	RatePer      time.Duration
	Paused       bool
}

// credentialSource says where the credentials come from, for messages.
func (a *account) credentialSource() string {
	switch {
	case a.CredentialsEnv != "":
		return "env:" + a.CredentialsEnv
	case a.CredentialsFile != "":
		return "file:" + a.CredentialsFile
	}
	return "demo"
}

// defaultQuota is each platform's documented quota, what an account gets
// unless accounts add says otherwise.
var defaultQuota = map[string]struct {
	requests int
	per      time.Duration
}{
	"everflow":         {everflow.RateLimitRequests, everflow.RateLimitWindow},
	"firstpromoter":    {firstpromoter.RateLimitRequests, firstpromoter.RateLimitWindow},
	"partnerstack":     {partnerstack.RateLimitRequests, partnerstack.RateLimitWindow},
	"postaffiliatepro": {postaffiliatepro.RateLimitRequests, postaffiliatepro.RateLimitWindow},
	"refersion":        {refersion.RateLimitRequests, refersion.RateLimitWindow},
}

const accountColumns = `id, platform, name, credentials_env, credentials_file, base_url, graphql_url,
	start_at, rate_requests, rate_per_ms, paused`

func scanAccount(row pgx.Row) (*account, error) {
	var a account
	var start *time.Time
	var perMS int64
	err := row.Scan(&a.ID, &a.Platform, &a.Name, &a.CredentialsEnv, &a.CredentialsFile, &a.BaseURL, &a.GraphQLURL,
		&start, &a.RateRequests, &perMS, &a.Paused)
	a.RatePer = time.Duration(perMS) * time.Millisecond
	if err != nil {
		return nil, err
	}
	if start != nil {
		a.Start = start.UTC()
	}
	return &a, nil
}

// loadAccount reads one account by id.
func loadAccount(ctx context.Context, q querier, id int64) (*account, error) {
	a, err := scanAccount(q.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("no account %d", id)
	}
	return a, err
}

// listAccounts reads every account, in id order.
func listAccounts(ctx context.Context, q querier) ([]*account, error) {
	rows, err := q.Query(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// findAccount resolves an account given as its id or as platform/name.
func findAccount(ctx context.Context, q querier, ref string) (*account, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return loadAccount(ctx, q, id)
	}
	platform, name, ok := strings.Cut(ref, "/")
	if !ok {
		return nil, fmt.Errorf("account %q: want an id or platform/name", ref)
	}
	a, err := scanAccount(q.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts WHERE platform = $1 AND name = $2`, platform, name))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("no account %s", ref)
	}
	return a, err
}

// cmdAccounts runs accounts add|list|pause|resume|remove.
func cmdAccounts(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 {
		return usageError("accounts needs add, list, pause, resume or remove")
	}
	pool, err := env.pool(ctx)
	if err != nil {
		return err
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "add":
		return accountsAdd(ctx, env, pool, rest)
	case "list":
		if len(rest) > 0 {
			return usageError("accounts list takes no arguments")
		}
		return accountsList(ctx, env.stdout, pool)
	case "pause", "resume":
		if len(rest) != 1 {
			return usageError("accounts " + sub + " needs one account (id or platform/name)")
		}
		a, err := findAccount(ctx, pool, rest[0])
		if err != nil {
			return err
		}
		if _, err := pool.Exec(ctx, `UPDATE accounts SET paused = $2 WHERE id = $1`, a.ID, sub == "pause"); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "account %d (%s/%s) %sd\n", a.ID, a.Platform, a.Name, sub)
		return nil
	case "remove":
		if len(rest) != 1 {
			return usageError("accounts remove needs one account (id or platform/name)")
		}
		a, err := findAccount(ctx, pool, rest[0])
		if err != nil {
			return err
		}
		// Its records, checkpoints and limiter go with it (ON DELETE
		// CASCADE); its queued jobs find no account and end.
		if _, err := pool.Exec(ctx, `DELETE FROM accounts WHERE id = $1`, a.ID); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "account %d (%s/%s) removed with its records\n", a.ID, a.Platform, a.Name)
		return nil
	default:
		return usageError(fmt.Sprintf("accounts: unknown subcommand %q", sub))
	}
}

func accountsAdd(ctx context.Context, env *environment, pool *pgxpool.Pool, args []string) error {
	fs := flag.NewFlagSet("accounts add", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	platform := fs.String("platform", "", "the `platform`: "+strings.Join(platformNames, ", "))
	name := fs.String("name", "", "a `name` for the account, unique per platform")
	credEnv := fs.String("credentials-env", "", "the environment `variable` that holds the credentials' JSON (read by every job)")
	credFile := fs.String("credentials-file", "", "the `file` that holds the credentials' JSON (read by every job)")
	baseURL := fs.String("base-url", "", "the API's base `URL` (default: the platform's; required for postaffiliatepro)")
	graphqlURL := fs.String("graphql-url", "", "Refersion's GraphQL `URL` (default: the platform's)")
	start := fs.String("start", "", "where window streams begin, YYYY-MM-DD (default: the report lookback, a year)")
	rate := fs.String("rate", "", "the account's quota as `N/duration`, e.g. 20/1s (default: the platform's documented quota)")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("accounts add: unexpected arguments %q", fs.Args()))
	}
	if !slices.Contains(platformNames, *platform) {
		return usageError(fmt.Sprintf("accounts add: --platform must be one of %s", strings.Join(platformNames, ", ")))
	}
	if strings.TrimSpace(*name) == "" || strings.Contains(*name, "/") {
		return usageError("accounts add: --name is required and may not contain /")
	}
	if *credEnv != "" && *credFile != "" {
		return usageError("accounts add: give --credentials-env or --credentials-file, not both")
	}
	for _, u := range []string{*baseURL, *graphqlURL} {
		if u == "" {
			continue
		}
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || p.User != nil {
			return usageError("accounts add: URLs must be http(s)://host/... without user information")
		}
	}
	q := defaultQuota[*platform]
	if *rate != "" {
		n, per, err := parseRate(*rate)
		if err != nil {
			return usageError("accounts add: --rate: " + err.Error())
		}
		q.requests, q.per = n, per
	}
	var startAt *time.Time
	if *start != "" {
		t, err := time.Parse(time.DateOnly, *start)
		if err != nil {
			return usageError("accounts add: --start: want YYYY-MM-DD")
		}
		startAt = &t
	}
	var id int64
	err := pool.QueryRow(ctx, `INSERT INTO accounts (platform, name, credentials_env, credentials_file, base_url, graphql_url, start_at, rate_requests, rate_per_ms)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		*platform, *name, *credEnv, *credFile, *baseURL, *graphqlURL, startAt, q.requests, q.per.Milliseconds()).Scan(&id)
	if err != nil {
		return fmt.Errorf("accounts add: %w", err)
	}
	fmt.Fprintf(env.stdout, "%d\n", id)
	return nil
}

// parseRate reads N/duration.
func parseRate(s string) (int, time.Duration, error) {
	ns, ds, ok := strings.Cut(s, "/")
	n, err := strconv.Atoi(ns)
	if !ok || err != nil || n <= 0 {
		return 0, 0, errors.New("want N/duration with N > 0, e.g. 20/1s")
	}
	d, err := time.ParseDuration(ds)
	if err != nil || d < time.Millisecond {
		return 0, 0, errors.New("want N/duration with a duration of at least 1ms, e.g. 60/1m")
	}
	return n, d, nil
}

func accountsList(ctx context.Context, w io.Writer, q querier) error {
	accts, err := listAccounts(ctx, q)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPLATFORM\tNAME\tCREDENTIALS\tBASE URL\tQUOTA\tSTATE")
	for _, a := range accts {
		state := "active"
		if a.Paused {
			state = "paused"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d/%s\t%s\n", a.ID, a.Platform, a.Name, a.credentialSource(),
			cmpOr(a.BaseURL, "-"), a.RateRequests, a.RatePer, state)
	}
	return tw.Flush()
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
