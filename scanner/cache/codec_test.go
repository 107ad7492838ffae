package cache

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/frameshift/frameshift/scanner"
)

// fillEveryField sets every field reachable from v to a distinct non-zero value,
// with two elements in every slice, so that a field the codec forgets shows up
// as a difference after a round trip.
func fillEveryField(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillEveryField(v.Elem(), n)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillEveryField(v.Field(i), n)
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := 0; i < 2; i++ {
			fillEveryField(v.Index(i), n)
		}
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n) * -7)
	case reflect.Bool:
		v.SetBool(true)
	default:
		panic(fmt.Sprintf("fillEveryField: the codec test does not know %s; teach it and the codec", v.Type()))
	}
}

// TestCodecCoversEveryField fails when a field is added to CachedFile or anything
// it holds without teaching the codec (and bumping formatVersion).
func TestCodecCoversEveryField(t *testing.T) {
	var want scanner.CachedFile
	n := 0
	fillEveryField(reflect.ValueOf(&want).Elem(), &n)
	got, err := decodeFile(encodeFile(&want))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	// Unexported fields (a compact entry's counts) live in memory only.
	if d := cmp.Diff(&want, got, cmpopts.IgnoreUnexported(scanner.CachedFile{})); d != "" {
		t.Errorf("fields lost in a round trip; update codec.go and bump formatVersion (-want +got):\n%s", d)
	}
}

func TestCodecSharesRepeatedStrings(t *testing.T) {
	cf := pytorchFile()
	payload := encodeFile(cf)
	var text int
	for _, f := range cf.Findings {
		text += len(f.Rule) + len(f.Framework) + len(f.Era) + len(f.Category) + len(f.Symbol) + len(f.Fingerprint)
	}
	if len(payload)*10 > text*7 {
		t.Errorf("payload of %d bytes for %d bytes of finding text: repeated strings are not shared", len(payload), text)
	}
}

func TestDecodeRejects(t *testing.T) {
	valid := encodeFile(notebookFile())
	tests := []struct {
		name    string
		payload []byte
	}{
		{"nothing", nil},
		{"presence byte out of range", []byte{2}},
		{"count larger than the rest", []byte{0, 0xff, 0x01}},
		{"string reference before any string", []byte{0, 1, 5}},
		{"string longer than the rest", []byte{1, 0, 40, 'a'}},
		{"overlong varint", []byte{1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
		{"truncated", valid[:len(valid)-1]},
		{"trailing byte", append(append([]byte{}, valid...), 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := decodeFile(tt.payload); err == nil {
				t.Errorf("decodeFile(%v) = %+v, want an error", tt.payload, got)
			}
		})
	}
}

// TestVarintsMatchEncodingBinary checks the string-based varint readers against
// encoding/binary, whose writers make the payload.
func TestVarintsMatchEncodingBinary(t *testing.T) {
	inputs := [][]byte{
		{0}, {1}, {0x7f}, {0x80, 0x01}, {0xff, 0xff, 0x03},
		binary.AppendUvarint(nil, math.MaxUint64),
		binary.AppendVarint(nil, math.MinInt64),
		binary.AppendVarint(nil, -1),
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}, // overflow
		{0x80}, nil, // truncated
	}
	for _, in := range inputs {
		wantU, nU := binary.Uvarint(in)
		d := &decoder{rest: string(in)}
		gotU := d.uint()
		if (nU > 0) != (d.err == nil) || nU > 0 && (gotU != wantU || len(d.rest) != len(in)-nU) {
			t.Errorf("uint(%x) = %d, err %v; binary.Uvarint = %d, %d", in, gotU, d.err, wantU, nU)
		}
		wantI, nI := binary.Varint(in)
		d = &decoder{rest: string(in)}
		gotI := d.int()
		if (nI > 0) != (d.err == nil) || nI > 0 && int64(gotI) != wantI {
			t.Errorf("int(%x) = %d, err %v; binary.Varint = %d, %d", in, gotI, d.err, wantI, nI)
		}
	}
}
