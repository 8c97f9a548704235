// Package testapp holds what Slate's handler tests and browser tests
// share: a cheap password cost, builders that make accounts straight in
// the store, and a cookie-keeping HTTP client that posts forms the way a
// browser does. Its files are ordinary Go files, not _test.go ones, so
// both test packages can import it; nothing outside tests should.
package testapp

import "github.com/slatecasting/slate/internal/auth"

// PasswordParams is an Argon2id cost thousands of times cheaper than
// auth.DefaultParams, so a test makes and logs in accounts in
// milliseconds. Pass it as handlers.Deps.PasswordParams or
// platform.Options.PasswordParams; the builders hash with it too, so their
// accounts log in through either.
func PasswordParams() *auth.Params {
	return &auth.Params{MemoryKiB: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
}
