package main

import (
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Queues of the fleet's jobs.
const (
	queueSync     = "sync"
	queueWebhooks = "webhooks"
)

// nonFinalStates are the states in which a job is unique: one job per
// key may be available, scheduled, pending, running or retryable at a
// time, and a new one may be enqueued as soon as it has completed.
var nonFinalStates = []rivertype.JobState{
	rivertype.JobStateAvailable,
	rivertype.JobStatePending,
	rivertype.JobStateRetryable,
	rivertype.JobStateRunning,
	rivertype.JobStateScheduled,
}

// SyncArgs is a sync job: one stream of one account. It carries no
// secret: the worker reads the account and its credentials when it runs.
// Jobs are unique per (platform, account, stream) while not final.
type SyncArgs struct {
	Platform  string `json:"platform" river:"unique"`
	AccountID int64  `json:"account_id" river:"unique"`
	Stream    string `json:"stream" river:"unique"`
	// Full asks for a full scan (see README.md).
	Full bool `json:"full,omitempty"`
}

// Kind implements river.JobArgs.
func (SyncArgs) Kind() string { return "fleet_sync" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (SyncArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueSync, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: nonFinalStates}}
}

// WebhookArgs is a verified webhook delivery to apply: unique per account
// and the key the platform's webhook Store uses, so a redelivery enqueues
// nothing new. Payload is the event's record, never a secret.
type WebhookArgs struct {
	Platform  string `json:"platform"`
	AccountID int64  `json:"account_id" river:"unique"`
	Key       string `json:"key" river:"unique"`
	Type      string `json:"type"`
	// Table, Stream and RecordID say where the record lands ("" when the
	// event has no record the sync also reads).
	Table    string `json:"table,omitempty"`
	Stream   string `json:"stream,omitempty"`
	RecordID string `json:"record_id,omitempty"`
	Amount   string `json:"amount,omitempty"`
	Currency string `json:"currency,omitempty"`
	Payload  []byte `json:"payload"`
}

// Kind implements river.JobArgs.
func (WebhookArgs) Kind() string { return "fleet_webhook" }

// InsertOpts implements river.JobArgsWithInsertOpts: unique in every
// state River keeps, completed included; webhook_deliveries remembers
// the key beyond River's retention.
func (WebhookArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueWebhooks, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
