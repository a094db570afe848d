package webhookkit

import "errors"

// Errors the handler maps to status codes; the platform packages re-export
// them so callers can match them with errors.Is.
var (
	// ErrInvalidSignature: the delivery failed verification (a missing or
	// wrong signature, credential or shared secret). Answered with 401.
	ErrInvalidSignature = errors.New("webhook: invalid signature")
	// ErrMalformedPayload: the delivery is not the expected shape.
	// Answered with 400.
	ErrMalformedPayload = errors.New("webhook: malformed payload")
	// ErrPayloadTooLarge: the body exceeds the handler's cap. Answered
	// with 413.
	ErrPayloadTooLarge = errors.New("webhook: payload too large")
	// ErrInProgress: another delivery of the same event is being processed.
	// Answered with 409 so that the platform delivers it again later.
	ErrInProgress = errors.New("webhook: event is being processed")
)
