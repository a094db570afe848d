package transport

// CopyOrZero returns a copy of *v, or a new zero value when v is nil: the
// options or body a call may change without touching the caller's.
func CopyOrZero[V any](v *V) *V {
	var c V
	if v != nil {
		c = *v
	}
	return &c
}
