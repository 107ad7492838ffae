package manifest

import "testing"

func TestSpecAllows(t *testing.T) {
	tests := []struct {
		spec, version string
		allowed, ok   bool
	}{
		{"", "2.16.0", true, true},
		{">=2.12,<2.16", "2.15.1", true, true},
		{">=2.12,<2.16", "2.16.0", false, true},
		{"==2.15.0", "2.16.0", false, true},
		{"~=2.13", "2.16.0", true, true},
		{">=2.16", "2.15.0", false, true},
		{"^2.12", "2.16.0", false, false},
	}
	for _, tt := range tests {
		allowed, ok := SpecAllows(tt.spec, tt.version)
		if allowed != tt.allowed || ok != tt.ok {
			t.Errorf("SpecAllows(%q, %q) = %v, %v; want %v, %v", tt.spec, tt.version, allowed, ok, tt.allowed, tt.ok)
		}
	}
}
