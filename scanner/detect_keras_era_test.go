package scanner

import "testing"

func dep(file, pkg, spec string, major int) Dependency {
	d := Dependency{File: file, Line: 1, Package: pkg, Spec: spec, Framework: "keras"}
	if major >= 0 {
		d.Major = &major
	}
	return d
}

func TestDeclaredKerasEra(t *testing.T) {
	tests := []struct {
		name string
		deps []Dependency
		want string
	}{
		{"keras 3", []Dependency{dep("r.txt", "keras", ">=3.0", 3)}, "keras3"},
		{"keras 2", []Dependency{dep("r.txt", "keras", "==2.15.0", 2)}, "keras2"},
		{"tf-keras", []Dependency{dep("r.txt", "tf-keras", "", -1)}, "keras2"},
		{"tf 1.x", []Dependency{dep("r.txt", "tensorflow-gpu", "==1.15.5", 1)}, "keras2"},
		{"tf before 2.16", []Dependency{dep("r.txt", "tensorflow", ">=2.12,<2.16", 2)}, "keras2"},
		{"tf from 2.16", []Dependency{dep("r.txt", "tensorflow", ">=2.16", 2)}, "keras3"},
		{"tf open range", []Dependency{dep("r.txt", "tensorflow", ">=2.10", 2)}, ""},
		{"contradiction", []Dependency{dep("r.txt", "keras", ">=3", 3), dep("r.txt", "tf-keras", "", -1)}, ""},
		{"nothing", nil, ""},
	}
	for _, tt := range tests {
		if got := declaredKerasEra(tt.deps); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKerasEraPerFileAndFolder(t *testing.T) {
	f := func(file, era string) Finding {
		return Finding{Rule: "keras.x", Framework: "keras", Era: era, File: file, Kind: KindCall}
	}
	inv := &Inventory{
		Findings: []Finding{
			f("a/tfkeras.py", "keras2"), f("a/tfkeras.py", "keras"), // tf.keras file: keras2
			f("a/plain.py", "keras"),                        // a/ pins keras 2
			f("b/sub/plain.py", "keras"),                    // b/ pins keras 3, found from below
			f("b/ops.py", "keras3"), f("b/ops.py", "keras"), // Keras 3 API in the file
			f("c/plain.py", "keras"), // no manifest: repo-wide says nothing
		},
		Dependencies: []Dependency{dep("a/requirements.txt", "keras", "==2.15.0", 2), dep("b/requirements.txt", "keras", ">=3.2", 3)},
	}
	kerasEraDetector{}.refine(inv, nil, nil)
	want := []string{"keras2", "keras2", "keras2", "keras3", "keras3", "keras3", "keras"}
	for i, f := range inv.Findings {
		if f.Era != want[i] {
			t.Errorf("%s finding %d: era %q, want %q", f.File, i, f.Era, want[i])
		}
	}
}
