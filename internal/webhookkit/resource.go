package webhookkit

import (
	"encoding/json"
	"fmt"
)

// DecodeResource decodes data, the resource a delivery carries, as a T.
// Its error wraps ErrMalformedPayload and names what was decoded (what:
// the event type, or the resource's name).
func DecodeResource[T any](data []byte, what string) (*T, error) {
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformedPayload, what, err)
	}
	return v, nil
}
