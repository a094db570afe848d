package webhookkit

import "fmt"

// ApplyOptions runs a platform's options on the settings s, in order,
// skipping nil ones; the first error stops it, prefixed with pkg (the
// package path, "refersion/webhook").
func ApplyOptions[S any, O ~func(*S) error](pkg string, s *S, opts []O) error {
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(s); err != nil {
			return fmt.Errorf("%s: %w", pkg, err)
		}
	}
	return nil
}
