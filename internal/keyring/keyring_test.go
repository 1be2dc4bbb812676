package keyring

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func newKey(t *testing.T) (string, Key) {
	t.Helper()
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	s := base64.StdEncoding.EncodeToString(b)
	k, err := ParseKey(s)
	if err != nil {
		t.Fatalf("ParseKey: %v", err)
	}
	return s, k
}

func TestParseKey(t *testing.T) {
	s, k := newKey(t)
	raw, _ := base64.StdEncoding.DecodeString(s)
	for _, form := range []string{s, base64.RawStdEncoding.EncodeToString(raw), base64.URLEncoding.EncodeToString(raw), " " + s + "\n"} {
		got, err := ParseKey(form)
		if err != nil || got.ID() != k.ID() {
			t.Errorf("ParseKey(%q) = %v, %v; want id %s", form, got.ID(), err, k.ID())
		}
	}
	for _, bad := range []string{"", "not base64!", base64.StdEncoding.EncodeToString(raw[:16]), base64.StdEncoding.EncodeToString(append(raw, 1))} {
		_, err := ParseKey(bad)
		if err == nil {
			t.Errorf("ParseKey(%q) took it", bad)
		} else if bad != "" && strings.Contains(err.Error(), bad) {
			t.Errorf("error quotes the key: %v", err)
		}
	}
}

func TestSealOpen(t *testing.T) {
	_, k := newKey(t)
	r, err := New(k)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "xoxb-1234-5678-abcdef"
	a, err := r.Seal([]byte(secret), []byte("slack:T1|tok"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := r.Seal([]byte(secret), []byte("slack:T1|tok"))
	if a == b {
		t.Error("two seals of one value are equal: the nonce is not fresh")
	}
	if strings.Contains(a, secret) || !strings.HasPrefix(a, "mbk1."+k.ID()+".") {
		t.Errorf("sealed = %q", a)
	}
	plain, stale, err := r.Open(a, []byte("slack:T1|tok"))
	if err != nil || stale || string(plain) != secret {
		t.Fatalf("Open = %q, %v, %v", plain, stale, err)
	}
	// Bound to its aad: the same value under another team does not open.
	if _, _, err := r.Open(a, []byte("slack:T2|tok")); err == nil {
		t.Error("opened with another aad")
	}
	for _, bad := range []string{"", "xoxb-plain", "mbk1." + k.ID(), "mbk1." + k.ID() + ".AAAA", a[:len(a)-2] + "AA"} {
		if _, _, err := r.Open(bad, []byte("slack:T1|tok")); err == nil {
			t.Errorf("Open(%q) worked", bad)
		}
	}
}

func TestRotation(t *testing.T) {
	_, oldK := newKey(t)
	_, newK := newKey(t)
	old, _ := New(oldK)
	sealed, _ := old.Seal([]byte("xoxb-old"), nil)

	rotating, _ := New(newK, oldK)
	plain, stale, err := rotating.Open(sealed, nil)
	if err != nil || !stale || string(plain) != "xoxb-old" {
		t.Fatalf("Open with the old key kept = %q, stale %v, %v", plain, stale, err)
	}
	resealed, _ := rotating.Seal(plain, nil)
	if !strings.HasPrefix(resealed, "mbk1."+newK.ID()+".") {
		t.Fatalf("resealed with %q, want the current key %s", resealed, newK.ID())
	}
	// Once the old key is retired, the resealed value still opens and the
	// old one names the key it needs.
	retired, _ := New(newK)
	if p, stale, err := retired.Open(resealed, nil); err != nil || stale || string(p) != "xoxb-old" {
		t.Fatalf("resealed value: %q %v %v", p, stale, err)
	}
	if _, _, err := retired.Open(sealed, nil); !errors.Is(err, ErrUnknownKey) || !strings.Contains(err.Error(), oldK.ID()) {
		t.Fatalf("old value with the old key retired: %v", err)
	}
}

// FuzzOpen: whatever is stored where a sealed token should be, Open
// returns an error or the plain text, never panics, and never opens a
// value that Seal did not make with the same aad.
func FuzzOpen(f *testing.F) {
	k, err := ParseKey("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
	if err != nil {
		f.Fatal(err)
	}
	r, _ := New(k)
	good, _ := r.Seal([]byte("xoxb-1-2-3"), []byte("slack:T1|tok"))
	f.Add(good, "slack:T1|tok")
	f.Add(good, "slack:T2|tok")
	f.Add("mbk1."+k.ID()+".", "")
	f.Add("mbk1.", "")
	f.Add("xoxb-plain", "slack:T1|tok")
	f.Fuzz(func(t *testing.T, sealed, aad string) {
		plain, _, err := r.Open(sealed, []byte(aad))
		if err == nil && (sealed != good || aad != "slack:T1|tok") && !strings.HasPrefix(sealed, "mbk1."+k.ID()+".") {
			t.Fatalf("opened %q with %q: %q", sealed, aad, plain)
		}
		if err == nil {
			again, _ := r.Seal(plain, []byte(aad))
			if p2, _, err := r.Open(again, []byte(aad)); err != nil || string(p2) != string(plain) {
				t.Fatalf("round trip of %q: %q, %v", plain, p2, err)
			}
		}
	})
}
