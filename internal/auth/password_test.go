package auth

import (
	"errors"
	"strings"
	"testing"
)

var fast = Params{MemoryKiB: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

func TestHashVerify(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("correct horse battery staple ", 4) // 116 chars: long passphrases work
	for _, pw := range []string{"hunter22", "pässwörd-ünïcode", long} {
		h, err := Hash(pw, fast)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
			t.Errorf("hash %q is not in PHC format with its parameters", h)
		}
		if err := Verify(pw, h); err != nil {
			t.Errorf("Verify(%q) = %v, want nil", pw, err)
		}
		if err := Verify(pw+"x", h); !errors.Is(err, ErrMismatch) {
			t.Errorf("Verify(wrong) = %v, want ErrMismatch", err)
		}
	}
}

func TestHashIsSalted(t *testing.T) {
	t.Parallel()
	a, _ := Hash("same password", fast)
	b, _ := Hash("same password", fast)
	if a == b {
		t.Fatal("two hashes of one password are equal: the salt is missing")
	}
}

func TestDefaultParamsAreOWASP(t *testing.T) {
	t.Parallel()
	if DefaultParams.MemoryKiB != 19*1024 || DefaultParams.Time != 2 || DefaultParams.Threads != 1 {
		t.Fatalf("DefaultParams = %+v, want m=19 MiB, t=2, p=1", DefaultParams)
	}
}

func TestVerifyRejectsGarbage(t *testing.T) {
	t.Parallel()
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=18$m=64,t=1,p=1$c2FsdA$a2V5"} {
		if err := Verify("x", h); err == nil {
			t.Errorf("Verify against %q succeeded", h)
		}
	}
	if err := VerifyDummy("anything"); !errors.Is(err, ErrMismatch) {
		t.Errorf("VerifyDummy = %v", err)
	}
}

func TestTokens(t *testing.T) {
	t.Parallel()
	a, b := NewToken(), NewToken()
	if a == b || len(a) != 43 {
		t.Fatalf("tokens %q %q: want distinct 43-char tokens", a, b)
	}
	if !EqualTokens(a, a) || EqualTokens(a, b) || EqualTokens("", "") {
		t.Fatal("EqualTokens is wrong")
	}
	if len(TokenHash(a)) != 32 {
		t.Fatal("TokenHash is not SHA-256")
	}
}
