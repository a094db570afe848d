package secretcheck

import (
	"encoding/base64"
	"errors"
	"testing"
)

// recorder is a testing.TB that counts the failures Check reports instead
// of failing.
type recorder struct {
	testing.TB
	errors int
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.errors++ }
func (r *recorder) Fatal(...any)          { r.errors++ }

// TestCheckFindsEveryForm: a secret printed as is, inside an error, in a log
// line or as the base64 of a basic credential pair is found.
func TestCheckFindsEveryForm(t *testing.T) {
	for name, leak := range map[string]func(*Sink){
		"printed": func(s *Sink) { s.Print(struct{ Key string }{"sk_123"}) },
		"error":   func(s *Sink) { s.Print(errors.New("bad key sk_123")) },
		"logged":  func(s *Sink) { s.Logger().Debug("request", "auth", "sk_123") },
		"basic": func(s *Sink) {
			s.Print("Basic " + base64.StdEncoding.EncodeToString([]byte("pk_9:sk_123")))
		},
	} {
		var s Sink
		leak(&s)
		r := &recorder{TB: t}
		s.Check(r, "pk_9", "sk_123")
		if r.errors == 0 {
			t.Errorf("%s: the secret was not found", name)
		}
	}
	var s Sink
	s.Print("nothing to see")
	r := &recorder{TB: t}
	s.Check(r, "sk_123")
	if r.errors != 0 {
		t.Error("a clean output was flagged")
	}
}
