// Package conformance holds the checks every platform client must pass,
// driven by the platform's description (platformtest.Platform): paging on
// one keep-alive connection, no goroutine or connection left after a list
// is broken off, cancelled or failed, every body drained so one connection
// carries successes, retries and errors alike, one client shared by many
// goroutines, a response body over the size cap refused, redirects,
// repeated pages and byte-order marks, no credential printed or logged,
// bad caller input refused before any request, and any response body
// handled without a panic.
//
// Each test of a platform package calls one check with its Platform.
package conformance
