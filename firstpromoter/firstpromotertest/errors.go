package firstpromotertest

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// Fault makes requests fail; see [Server.Inject]. It is the same type in
// the fake of every package of the module. Its fields:
//   - Status int: the status code to answer with; 0 keeps the endpoint's;
//   - RetryAfter string: sent as the Retry-After header when set;
//   - Header http.Header: extra response headers;
//   - Body string: replaces the response body (an HTML page, JSON of the
//     wrong shape, garbage);
//   - ContentType string: the Content-Type sent with Body (text/html when
//     Body starts with '<', else application/json);
//   - EmptyBody bool: answer with no body at all;
//   - Truncate bool: send the real response cut off halfway, with a
//     Content-Length promising the whole body, then close the connection;
//   - Drop bool: close the connection before any response is written;
//   - Hang bool: send the headers, then never finish the body;
//   - Applied bool: run the endpoint even under an error Status, like a
//     gateway that times out after the server acted.
type Fault = fakeserver.Fault

// RecordedRequest is a request the server received, as [Server.Requests]
// lists them. It is the same type in the fake of every package of the
// module. Its fields:
//   - Method string: the HTTP method;
//   - Path string: the decoded path;
//   - RawPath string: the path as sent, escapes kept;
//   - Query string: the raw query;
//   - Header http.Header: the request headers;
//   - Body []byte: the request body.
type RecordedRequest = fakeserver.RecordedRequest

// apiError is an error answer. The admin API writes
// {"message", "errors"?, "code"}; the tracking API writes {"message"} only.
type apiError struct {
	status  int
	Message string              `json:"message"`
	Errors  map[string][]string `json:"errors,omitempty"`
	Code    string              `json:"code,omitempty"`
	// raw, when set, is written instead (the tracking API's 422 has its
	// own shape).
	raw any
}

// errNotFound is the admin API's 404.
func errNotFound() *apiError {
	return &apiError{status: http.StatusNotFound, Message: "Record not found", Code: "not_found"}
}

// errParam is the admin API's 422 for a missing or invalid parameter.
func errParam(name string) *apiError {
	return &apiError{
		status:  http.StatusUnprocessableEntity,
		Message: "param is missing or the value is empty or invalid: " + name,
		Code:    "invalid_params",
	}
}

// errInvalid is the admin API's 400 for a record that fails validation,
// e.g. a duplicate email: "Validation failed: Email has already been taken".
func errInvalid(field, problem string) *apiError {
	return &apiError{
		status:  http.StatusBadRequest,
		Message: "Validation failed: " + humanize(field) + " " + problem,
		Errors:  map[string][]string{field: {problem}},
		Code:    "invalid_record",
	}
}

// errOperation is the admin API's 422 for an action that cannot be done.
func errOperation(msg string) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, Message: msg, Code: "operation_failed"}
}

// errBadRequest answers a request body that is not JSON. The API's exact
// answer is undocumented; this keeps the common error shape.
func errBadRequest(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, Message: msg, Code: "bad_request"}
}

// errTrack is a tracking API error: {"message": ...} without a code, as in
// the tracking spec's 400, 404 and 409 examples.
func errTrack(status int, msg string) *apiError {
	return &apiError{status: status, Message: msg}
}

// humanize renders an attribute name the way Rails validation messages do:
// "cust_id" -> "Cust", "ref_token" -> "Ref token".
func humanize(field string) string {
	s := strings.TrimSuffix(field, "_id")
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func writeError(w http.ResponseWriter, e *apiError) {
	if e.raw != nil {
		fakeserver.WriteJSON(w, e.status, e.raw)
		return
	}
	fakeserver.WriteJSON(w, e.status, e)
}

// writeUnauthorized answers 401 with no body at all, like the real API
// ("No JSON response body is returned").
func writeUnauthorized(w http.ResponseWriter) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusUnauthorized)
}

// errorBody renders the error body of an injected status fault.
func errorBody(status int) []byte {
	var e *apiError
	switch status {
	case http.StatusUnauthorized:
		return nil
	case http.StatusForbidden:
		e = &apiError{Message: "You don't have enough rights to perform this action", Code: "forbidden"}
	case http.StatusNotFound:
		e = errNotFound()
	case http.StatusUnprocessableEntity:
		e = &apiError{Message: "param is missing or the value is empty or invalid", Code: "invalid_params"}
	default:
		// 429 and 5xx bodies are undocumented; they keep the documented
		// {"message", "code"} shape with the status text.
		text := http.StatusText(status)
		e = &apiError{Message: text, Code: strings.ReplaceAll(strings.ToLower(text), " ", "_")}
	}
	b, _ := json.Marshal(e)
	return b
}
