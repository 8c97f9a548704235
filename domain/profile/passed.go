package profile

import (
	"crypto/sha256"
	"encoding/binary"
	"reflect"
	"sync"
	"time"

	"github.com/slatecasting/slate/domain"
)

// Every talent page shows the meter, and the meter runs Validate: every
// section's Parse over its Values, some 250 allocations and tens of
// microseconds for a full profile, for a document that almost always
// passed the same rules when it was saved. passed remembers the profiles
// Validate found nothing wrong with, so the meter re-runs the rules only
// for a profile it has not seen pass:
//
//   - It is exact: Validate is a pure function of the profile and the
//     date, and the key is a SHA-256 of the whole profile (every field,
//     by reflection, so a field added later is covered) and the date. A
//     profile with problems is never remembered: its messages are worked
//     out on every read, exactly as before.
//   - It holds hashes, never a profile: a hit says "this exact profile
//     passes on this date", which is true whoever it belongs to, so
//     nothing of one talent's profile can reach another's page.
//   - Rules live in the code, so a deploy that tightens one starts with
//     an empty set; within a process the set is bounded and emptied when
//     full.
//
// Validate reads the clock only for the credits' latest year; a rule that
// read more of it than the date would have to join the key.
var passed = passedSet{seen: map[[sha256.Size]byte]struct{}{}}

// maxPassed bounds the set: 32-byte keys, a few megabytes at most.
const maxPassed = 50_000

type passedSet struct {
	mu   sync.RWMutex
	seen map[[sha256.Size]byte]struct{}
}

// validate is Validate for the meter, skipped for a profile already seen
// passing on the same date.
func validate(p Profile, now time.Time) domain.FieldErrors {
	key := passKey(p, now)
	passed.mu.RLock()
	_, ok := passed.seen[key]
	passed.mu.RUnlock()
	if ok {
		return nil
	}
	errs := Validate(p, now)
	if len(errs) == 0 {
		passed.mu.Lock()
		if len(passed.seen) >= maxPassed {
			clear(passed.seen)
		}
		passed.seen[key] = struct{}{}
		passed.mu.Unlock()
	}
	return errs
}

// passKey hashes the date and every field of p, unambiguously: strings
// and slices carry their lengths.
func passKey(p Profile, now time.Time) [sha256.Size]byte {
	buf := keyBufs.Get().(*[]byte)
	b := (*buf)[:0]
	y, m, d := now.Date()
	b = binary.AppendVarint(b, int64(y*10000+int(m)*100+d))
	b = appendValue(b, reflect.ValueOf(p))
	key := sha256.Sum256(b)
	*buf = b
	keyBufs.Put(buf)
	return key
}

var keyBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// appendValue encodes v, made of structs, slices, strings, integers and
// booleans (a profile's fields); any other kind panics, so a field of a
// new kind fails the tests rather than being left out of the key.
func appendValue(b []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			b = appendValue(b, v.Field(i))
		}
	case reflect.Slice:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		for i := range v.Len() {
			b = appendValue(b, v.Index(i))
		}
	case reflect.String:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		b = append(b, v.String()...)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b = binary.AppendVarint(b, v.Int())
	case reflect.Bool:
		if v.Bool() {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	default:
		panic("profile: cannot key a " + v.Type().String())
	}
	return b
}
