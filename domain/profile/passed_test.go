package profile

import (
	"reflect"
	"strings"
	"testing"
)

// The meter skips Validate only for a profile seen passing on the same
// day: a profile with any field changed, or the same one on another day,
// is validated again, and a profile with a problem shows its message
// whatever passed before it.
func TestMeterSkipsOnlyProfilesSeenPassing(t *testing.T) {
	t.Parallel()
	// Every leaf of the profile is in the key.
	base := passKey(filled(t), now)
	seen := map[[32]byte]string{}
	for leaf := 0; ; leaf++ {
		p := filled(t)
		n := leaf
		path, ok := changeLeaf(reflect.ValueOf(&p).Elem(), &n, "")
		if !ok {
			break
		}
		k := passKey(p, now)
		if k == base {
			t.Errorf("changing %s leaves the key as it was", path)
		}
		if other, dup := seen[k]; dup {
			t.Errorf("changing %s gives the key of changing %s", path, other)
		}
		seen[k] = path
		if len(seen) > 500 {
			t.Fatal("changeLeaf does not end")
		}
	}
	if want := leaves(reflect.TypeFor[Profile]()); len(seen) != want {
		t.Fatalf("%d leaves changed, the profile has %d", len(seen), want)
	}
	if passKey(filled(t), now.AddDate(0, 0, 1)) == base {
		t.Error("the next day has the same key")
	}

	// A passing profile, then its twin with a problem, then the first one.
	ok := fullPerformer()
	if m := Completeness(ok, KindPerformer, allMedia, now); m.Percent != 100 {
		t.Fatalf("full performer: %+v", m)
	}
	bad := fullPerformer()
	bad.HeightCM = 900
	for range 2 {
		m := Completeness(bad, KindPerformer, allMedia, now)
		if got := strings.Join(messages(m), "|"); got != "Height must be between 50 and 250 cm." || m.CanSubmit {
			t.Fatalf("a profile with a height of 900 after a passing one: %q, can submit %v", got, m.CanSubmit)
		}
	}
	if m := Completeness(ok, KindPerformer, allMedia, now); m.Percent != 100 || !m.CanSubmit {
		t.Fatalf("the passing profile after the failing one: %+v", m)
	}
}

// changeLeaf changes the *n-th leaf (string, int or bool) of v, counting
// *n down as it walks, and returns the leaf's path; false once there are
// fewer leaves than that.
func changeLeaf(v reflect.Value, n *int, path string) (string, bool) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if p, ok := changeLeaf(v.Field(i), n, path+"."+v.Type().Field(i).Name); ok {
				return p, true
			}
		}
		return "", false
	case reflect.Slice:
		for i := range v.Len() {
			if p, ok := changeLeaf(v.Index(i), n, path+"[]"); ok {
				return p, true
			}
		}
		return "", false
	}
	if *n > 0 {
		*n--
		return "", false
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Int:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	}
	return path, true
}

// leaves counts the scalar fields of a type, a slice's element counted
// once (filled puts one in every slice).
func leaves(t reflect.Type) int {
	switch t.Kind() {
	case reflect.Struct:
		n := 0
		for i := range t.NumField() {
			n += leaves(t.Field(i).Type)
		}
		return n
	case reflect.Slice:
		return leaves(t.Elem())
	}
	return 1
}
