package portfolio

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	var run bytes.Buffer
	if err := WriteRun(&run, &Run{Shard: "1/2", Repositories: []RunEntry{{Name: "a", Input: "a", Status: StatusScanned}}}); err != nil {
		t.Fatal(err)
	}
	var portfolioJSON bytes.Buffer
	if err := (JSONEncoder{}).Encode(&portfolioJSON, mustBuild(t, NewBuilder())); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		in      string
		want    string // "report", "run" or the error's text
		wantErr error
	}{
		{name: "report", in: string(fixtureBytes(t, "pytorch")), want: "report"},
		{name: "run summary", in: run.String(), want: "run"},
		{name: "portfolio", in: portfolioJSON.String(), wantErr: ErrIsPortfolio},
		{name: "other JSON", in: `{"name": "left-pad", "version": "1.0.0"}`, want: "not a frameshift JSON report"},
		{name: "newer schema", in: `{"schema_version": "2.0", "tool": {"name": "frameshift"}}`, want: `schema version "2.0"`},
		{name: "newer run schema", in: `{"kind": "frameshift-run", "schema_version": "3.1"}`, want: `schema version "3.1"`},
		{name: "no inventory", in: `{"schema_version": "1.0", "tool": {}}`, want: "report"},
		{name: "not JSON", in: "schema_version: 1.0\n", want: "not JSON"},
		{name: "truncated", in: string(fixtureBytes(t, "pytorch"))[:500], want: "not JSON"},
		{name: "array", in: `[1, 2]`, want: "not JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, r, err := Read(strings.NewReader(tt.in))
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("Read() error = %v, want %v", err, tt.wantErr)
				}
			case tt.want == "report":
				if err != nil || doc == nil || r != nil || doc.Inventory == nil {
					t.Errorf("Read() = %v, %v, %v; want a report", doc, r, err)
				}
			case tt.want == "run":
				if err != nil || r == nil || doc != nil || r.Shard != "1/2" || len(r.Repositories) != 1 {
					t.Errorf("Read() = %v, %+v, %v; want the run summary", doc, r, err)
				}
			default:
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Read() error = %v, want one containing %q", err, tt.want)
				}
			}
		})
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ input, ref, want string }{
		{"https://github.com/google/trax", "v1.4", "https://github.com/google/trax@v1.4"},
		{" https://github.com/google/trax/ ", " ", "https://github.com/google/trax"},
		{"https://ghp_secret@github.com/o/r", "", "https://***@github.com/o/r"},
		{"../repos/a//", "", "../repos/a"},
		{"/", "", "/"},
		{"file:///", "", "file:///"},
	}
	for _, tt := range tests {
		if got := Key(tt.input, tt.ref); got != tt.want {
			t.Errorf("Key(%q, %q) = %q, want %q", tt.input, tt.ref, got, tt.want)
		}
	}
}
