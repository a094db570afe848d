// Package webhookkit is the plumbing shared by the webhook packages of
// every platform: reading a request body under a size cap, constant-time
// comparisons and signatures, the idempotency store that drops redelivered
// events, tolerant decoders for loosely typed payloads, and the
// http.Handler core that verifies, parses and dispatches a delivery and
// answers the status code the sending platform acts on.
//
// The platform packages re-export what their users need (Store,
// MemoryStore, the error sentinels) and keep the platform-specific parts:
// the verification scheme, the payload types and the typed callbacks.
package webhookkit
