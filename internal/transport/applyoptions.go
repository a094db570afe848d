package transport

import "fmt"

// ApplyOptions calls each non-nil option on s in order and returns the
// first error, prefixed with platform ("firstpromoter: ...").
func ApplyOptions[S any, O ~func(*S) error](platform string, s *S, opts []O) error {
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(s); err != nil {
			return fmt.Errorf("%s: %w", platform, err)
		}
	}
	return nil
}
