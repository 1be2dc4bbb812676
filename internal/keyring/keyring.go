// Package keyring seals secrets (Slack tokens) with AES-256-GCM before they
// are stored. Each sealed value names the key that sealed it, so keys can
// rotate: a Ring seals with its current key and opens with the current
// key or any old one, and tells the caller when a value should be sealed
// again with the current key.
package keyring

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// prefix starts every sealed value: the format's version.
const prefix = "mbk1."

// Key is one 32-byte AES-256 key with its id.
type Key struct {
	id   string
	aead cipher.AEAD
}

// ID names the key in sealed values: the first 8 bytes of a SHA-256 of
// it, in hex. It tells which key sealed a value without revealing it.
func (k Key) ID() string { return k.id }

// ParseKey reads a key given as base64 (standard or URL alphabet, padded
// or not) of exactly 32 bytes, as `openssl rand -base64 32` prints. Its
// errors never contain the key.
func ParseKey(s string) (Key, error) {
	s = strings.TrimSpace(s)
	var raw []byte
	var err error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if raw, err = enc.DecodeString(s); err == nil {
			break
		}
	}
	if err != nil {
		return Key{}, errors.New("not base64 (make one with: openssl rand -base64 32)")
	}
	if len(raw) != 32 {
		return Key{}, fmt.Errorf("decodes to %d bytes, want 32 (make one with: openssl rand -base64 32)", len(raw))
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return Key{}, fmt.Errorf("aes: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return Key{}, fmt.Errorf("gcm: %w", err)
	}
	sum := sha256.Sum256(append([]byte("mentorbot key id\x00"), raw...))
	return Key{id: hex.EncodeToString(sum[:8]), aead: aead}, nil
}

// Ring seals with its current key and opens with any of its keys.
type Ring struct {
	cur  Key
	keys map[string]Key
}

// New returns a ring sealing with cur and opening with cur and old.
func New(cur Key, old ...Key) (*Ring, error) {
	if cur.aead == nil {
		return nil, errors.New("keyring: no current key")
	}
	r := &Ring{cur: cur, keys: map[string]Key{cur.id: cur}}
	for _, k := range old {
		if k.aead == nil {
			return nil, errors.New("keyring: an old key is empty")
		}
		if _, dup := r.keys[k.id]; !dup {
			r.keys[k.id] = k
		}
	}
	return r, nil
}

// Current is the id of the key that seals.
func (r *Ring) Current() string { return r.cur.id }

// Seal encrypts plain, bound to aad (say, the workspace and field the
// value belongs to, so a sealed value copied elsewhere does not open),
// and returns "mbk1.<key id>.<base64url of nonce and ciphertext>".
func (r *Ring) Seal(plain, aad []byte) (string, error) {
	nonce := make([]byte, r.cur.aead.NonceSize(), r.cur.aead.NonceSize()+len(plain)+r.cur.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("keyring: nonce: %w", err)
	}
	out := r.cur.aead.Seal(nonce, nonce, plain, aad)
	return prefix + r.cur.id + "." + base64.RawURLEncoding.EncodeToString(out), nil
}

// ErrUnknownKey is returned by Open for a value sealed by a key the ring
// does not hold (a key retired too early).
var ErrUnknownKey = errors.New("keyring: sealed by a key this ring does not hold")

// Open decrypts a value made by Seal with the same aad. stale is true when
// an old key sealed it: the caller should seal it again.
func (r *Ring) Open(sealed string, aad []byte) (plain []byte, stale bool, err error) {
	rest, ok := strings.CutPrefix(sealed, prefix)
	id, body, ok2 := strings.Cut(rest, ".")
	if !ok || !ok2 {
		return nil, false, errors.New("keyring: not a sealed value")
	}
	k, ok := r.keys[id]
	if !ok {
		return nil, false, fmt.Errorf("%w (key id %s)", ErrUnknownKey, id)
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || len(raw) < k.aead.NonceSize()+k.aead.Overhead() {
		return nil, false, errors.New("keyring: sealed value is damaged")
	}
	n := k.aead.NonceSize()
	plain, err = k.aead.Open(nil, raw[:n], raw[n:], aad)
	if err != nil {
		return nil, false, errors.New("keyring: sealed value does not open (damaged, or bound to something else)")
	}
	return plain, id != r.cur.id, nil
}
