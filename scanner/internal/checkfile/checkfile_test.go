package checkfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteThenRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "f")
	for _, payload := range [][]byte{{}, []byte("x"), bytes.Repeat([]byte("frameshift"), 1000)} {
		if err := Write(path, payload); err != nil {
			t.Fatal(err)
		}
		got, ok := Read(path)
		if !ok || !bytes.Equal(got, payload) {
			t.Fatalf("read %d bytes (ok %v), want %d", len(got), ok, len(payload))
		}
	}
	ents, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(ents) != 1 {
		t.Fatalf("folder holds %d files (%v), want only the file written", len(ents), err)
	}
}

func TestReadRefusesDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if _, ok := Read(path); ok {
		t.Fatal("a missing file was read")
	}
	if err := Write(path, []byte("payload of some length")); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range good {
		bad := append([]byte{}, good...)
		bad[i] ^= 1
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, ok := Read(path); ok {
			t.Fatalf("a file with byte %d flipped was trusted", i)
		}
	}
	for _, n := range []int{0, 1, len(good) - 1} {
		if err := os.WriteFile(path, good[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		if _, ok := Read(path); ok {
			t.Fatalf("a file cut to %d bytes was trusted", n)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("short"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if payload, ok := Read(path); ok && len(payload) != len(data)-32 {
			t.Fatalf("payload of %d bytes from a file of %d", len(payload), len(data))
		}
	})
}
