package transport

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// statusError builds the *Error for a non-2xx final response.
func (c *Client) statusError(st *call, hresp *http.Response) *Error {
	e := &Error{Method: st.method, Path: st.path, platform: c.cfg.Platform}
	if hresp == nil {
		return e
	}
	e.StatusCode = hresp.StatusCode
	e.outcomeUnknown = !st.safe && mayHaveActed(hresp)
	e.Body = c.scrub(clip(st.body))
	e.Message, e.Code = parseErrorBody(st.body)
	e.Fields = parseFields(st.body)
	e.Header = c.scrubHeader(hresp.Header)
	e.RequestID = requestID(hresp.Header)
	if e.Message == "" {
		e.Message = describeNonJSON(hresp, st.body)
	}
	if d, ok := ParseRetryAfter(hresp.Header.Get("Retry-After"), c.cfg.Clock.Now()); ok {
		e.RetryAfter = d
	}
	return e
}

// mayHaveActed reports whether an error status leaves open that the
// server acted on the request: a redirect (never followed for a write), a
// 500, 502 or 504, or a 503 without Retry-After (a gateway giving up on a
// request the application may still run).
func mayHaveActed(hresp *http.Response) bool {
	switch code := hresp.StatusCode; {
	case code >= 300 && code <= 399:
		return true
	case code == http.StatusInternalServerError, code == http.StatusBadGateway, code == http.StatusGatewayTimeout:
		return true
	case code == http.StatusServiceUnavailable:
		return hresp.Header.Get("Retry-After") == ""
	}
	return false
}

// describeNonJSON says what a body that carries no error message was.
func describeNonJSON(hresp *http.Response, body []byte) string {
	trimmed := trimBody(body)
	switch {
	case len(trimmed) == 0:
		return ""
	case isHTML(hresp, trimmed):
		return "HTML error page instead of JSON"
	case trimmed[0] != '{' && trimmed[0] != '[':
		line, _, _ := strings.Cut(string(trimmed), "\n")
		if len(line) > 200 {
			line = line[:200]
		}
		return line
	}
	return ""
}

func isHTML(hresp *http.Response, body []byte) bool {
	if hresp != nil && strings.Contains(hresp.Header.Get("Content-Type"), "text/html") {
		return true
	}
	return len(body) > 0 && body[0] == '<'
}

// maxErrorBody is how much of a response body an *Error keeps.
const maxErrorBody = 4 << 10

func clip(body []byte) []byte {
	if len(body) == 0 {
		return nil
	}
	n := min(len(body), maxErrorBody)
	return bytes.Clone(body[:n])
}

// requestIDHeaders are the response headers a platform's request id may
// come in, in order of preference.
var requestIDHeaders = []string{"X-Request-Id", "Request-Id", "X-Amzn-Requestid", "X-Correlation-Id"}

// requestID returns the request id a response header carries, or "".
func requestID(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := strings.TrimSpace(h.Get(k)); v != "" {
			if len(v) > 200 {
				v = v[:200]
			}
			return v
		}
	}
	return ""
}

// maxFieldMessages bounds what parseFields keeps of an error body.
const maxFieldMessages = 100

// parseFields pulls field-level messages out of an error body:
// {"errors": {"field": ["msg", ...] | "msg"}}, {"errors": ["msg", ...]}
// (under ""), {"errors": [{"field": "f", "message": "msg"}]}, and the same
// shapes under "error" when it is not a plain message. Nil when the body
// has none.
func parseFields(body []byte) map[string][]string {
	body = trimBody(body)
	if len(body) == 0 || body[0] != '{' {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return nil
	}
	fields := map[string][]string{}
	n := 0
	add := func(field, msg string) {
		if msg == "" || n >= maxFieldMessages {
			return
		}
		fields[field] = append(fields[field], msg)
		n++
	}
	for _, key := range []string{"errors", "error"} {
		raw, ok := m[key]
		if !ok {
			continue
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) == nil {
			if key == "error" {
				continue // {"error": {"code", "message"}} names no field
			}
			for f, v := range obj {
				var list []json.RawMessage
				if json.Unmarshal(v, &list) == nil {
					for _, item := range list {
						add(f, flattenMessage(item))
					}
				} else {
					add(f, flattenMessage(v))
				}
			}
			continue
		}
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			continue
		}
		for _, item := range list {
			var fm struct {
				Field   string          `json:"field"`
				Message json.RawMessage `json:"message"`
			}
			if json.Unmarshal(item, &fm) == nil && fm.Field != "" {
				add(fm.Field, flattenMessage(fm.Message))
			} else {
				add("", flattenMessage(item))
			}
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return fields
}

// parseErrorBody pulls a message and a code out of the error bodies the
// five platforms send: {"message","code"}, {"error": "..."},
// {"error": ["..."]}, {"errors": [...] | {...}}, {"Error": "..."}, and the
// undocumented shapes decoded tolerantly: {"error": {"code"|"type",
// "message"}}, "error_code", and a string "error" beside a "message".
func parseErrorBody(body []byte) (message, code string) {
	body = trimBody(body)
	if len(body) == 0 || body[0] != '{' {
		return "", ""
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return "", ""
	}
	get := func(keys ...string) string {
		for _, k := range keys {
			if raw, ok := m[k]; ok {
				if s := flattenMessage(raw); s != "" {
					return s
				}
			}
		}
		return ""
	}
	message = get("message", "error", "Error", "error_message", "detail", "title")
	if details := get("errors"); details != "" {
		if message == "" {
			message = details
		} else if !strings.Contains(message, details) {
			message += " (" + details + ")"
		}
	}
	for _, k := range []string{"code", "error_code"} {
		if raw, ok := m[k]; ok && code == "" {
			code = flattenMessage(raw)
		}
	}
	if raw, ok := m["error"]; ok && code == "" {
		// {"error": {"code": "...", "message": "..."}}
		var nested struct {
			Code json.RawMessage `json:"code"`
			Type json.RawMessage `json:"type"`
		}
		if json.Unmarshal(raw, &nested) == nil {
			if code = flattenMessage(nested.Code); code == "" {
				code = flattenMessage(nested.Type)
			}
		} else if _, hasMessage := m["message"]; hasMessage {
			// {"error": "not_found", "message": "Affiliate not found"}
			var s string
			if json.Unmarshal(raw, &s) == nil {
				code = s
			}
		}
	}
	return message, code
}

// flattenMessage turns a string, number, list or object of messages into
// one line.
func flattenMessage(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		parts := make([]string, 0, len(list))
		for _, item := range list {
			if p := flattenMessage(item); p != "" {
				parts = append(parts, p)
			}
		}
		return strings.Join(parts, "; ")
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		if msg, ok := obj["message"]; ok {
			return flattenMessage(msg)
		}
		parts := make([]string, 0, len(obj))
		for k, v := range obj {
			if p := flattenMessage(v); p != "" {
				parts = append(parts, k+": "+p)
			}
		}
		slices.Sort(parts)
		return strings.Join(parts, "; ")
	}
	return ""
}
