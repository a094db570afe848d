package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// credentials are an account's secrets. They are never stored in the
// database: the accounts table holds where to read them (an environment
// variable's name or a file's path), and every job reads them afresh, so
// they rotate without a restart. The source holds a JSON object with the
// fields the platform needs:
//
//	everflow          {"api_key": "..."}
//	firstpromoter     {"api_key": "...", "account_id": "..."}
//	partnerstack      {"public_key": "...", "secret_key": "..."}
//	postaffiliatepro  {"api_key": "..."}
//	refersion         {"public_key": "...", "secret_key": "...", "graphql_token": "..."}
//
// and, for serve-webhooks, "webhook_secret".
type credentials struct {
	APIKey        string `json:"api_key"`
	AccountID     string `json:"account_id"`
	PublicKey     string `json:"public_key"`
	SecretKey     string `json:"secret_key"`
	GraphQLToken  string `json:"graphql_token"`
	WebhookSecret string `json:"webhook_secret"`
}

// String never shows a secret.
func (credentials) String() string { return "credentials{redacted}" }

// GoString never shows a secret.
func (c credentials) GoString() string { return c.String() }

// maxCredentialBytes bounds a credentials file.
const maxCredentialBytes = 64 << 10

// loadCredentials reads the account's credentials from their source;
// nil, nil means the account has none (it runs on the demo fakes). Errors
// name the source, never its content.
func loadCredentials(a *account, getenv func(string) string) (*credentials, error) {
	var raw []byte
	switch {
	case a.CredentialsEnv != "":
		v := getenv(a.CredentialsEnv)
		if v == "" {
			return nil, fmt.Errorf("credentials: environment variable %s is empty or unset", a.CredentialsEnv)
		}
		raw = []byte(v)
	case a.CredentialsFile != "":
		f, err := os.Open(a.CredentialsFile)
		if err != nil {
			return nil, fmt.Errorf("credentials: %w", pathError(err))
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxCredentialBytes+1))
		if err != nil {
			return nil, fmt.Errorf("credentials: read %s: %w", a.CredentialsFile, pathError(err))
		}
		if len(b) > maxCredentialBytes {
			return nil, fmt.Errorf("credentials: %s is larger than %d bytes", a.CredentialsFile, maxCredentialBytes)
		}
		raw = b
	default:
		return nil, nil
	}
	var c credentials
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		// The decoder's message may quote the content: it is not passed on.
		return nil, errors.New("credentials: " + a.credentialSource() + " does not hold a JSON object of known fields")
	}
	return &c, nil
}

// pathError keeps an os error's operation and path, not more.
func pathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s %s: %w", pe.Op, pe.Path, pe.Err)
	}
	return err
}
