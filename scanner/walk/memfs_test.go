package walk

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// memFS is an in-memory FS for cases a real folder cannot produce as any user
// (root reads every folder) and for content identities. Folders are implied by
// file paths; links hold a root-relative target, "OUT" meaning outside the root.
type memFS struct {
	files   map[string]string
	ids     map[string]string
	links   map[string]string
	failDir map[string]error
	failRd  map[string]error
}

func (m *memFS) ReadDir(dir string) ([]DirEntry, error) {
	if err := m.failDir[dir]; err != nil {
		return nil, &fs.PathError{Op: "open", Path: "/abs/" + dir, Err: err}
	}
	prefix := ""
	if dir != "" {
		prefix = dir + "/"
	}
	seen := map[string]DirEntry{}
	add := func(p string, typ EntryType) {
		if !strings.HasPrefix(p, prefix) {
			return
		}
		rest := p[len(prefix):]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			seen[rest[:i]] = DirEntry{Name: rest[:i], Type: TypeDir}
			return
		}
		e := DirEntry{Name: rest, Type: typ}
		if typ == TypeFile {
			e.Size = int64(len(m.files[p]))
			e.ID = m.ids[p]
		}
		seen[rest] = e
	}
	for p := range m.files {
		add(p, TypeFile)
	}
	for p := range m.links {
		add(p, TypeSymlink)
	}
	out := make([]DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (m *memFS) ReadFile(p string) ([]byte, error) {
	if err := m.failRd[p]; err != nil {
		return nil, &fs.PathError{Op: "open", Path: "/abs/" + p, Err: err}
	}
	c, ok := m.files[p]
	if !ok {
		return nil, fmt.Errorf("read %s: %w", p, fs.ErrNotExist)
	}
	return []byte(c), nil
}

func (m *memFS) Resolve(p string) (string, EntryType, int64, bool, error) {
	target := m.links[p]
	if target == "OUT" {
		return "", TypeOther, 0, false, nil
	}
	if c, ok := m.files[target]; ok {
		return target, TypeFile, int64(len(c)), true, nil
	}
	for f := range m.files {
		if strings.HasPrefix(f, target+"/") {
			return target, TypeDir, 0, true, nil
		}
	}
	return "", TypeOther, 0, false, fmt.Errorf("resolve %s: %w", p, fs.ErrNotExist)
}

func TestWalkMemFS(t *testing.T) {
	denied := errors.New("permission denied")
	tests := []struct {
		name      string
		fsys      *memFS
		wantFiles []File
		wantSkips []Skipped
	}{
		{
			name: "unreadable folder and ignore file",
			fsys: &memFS{
				files:   map[string]string{"locked/x.py": "", "open/y.py": "", "open/.gitignore": "y.py\n", "z.py": ""},
				failDir: map[string]error{"locked": denied},
				failRd:  map[string]error{"open/.gitignore": denied},
			},
			wantFiles: []File{{Path: "open/y.py"}, {Path: "z.py"}},
			wantSkips: []Skipped{
				{"locked/", CodeUnreadable, "cannot read folder: permission denied"},
				{"open/.gitignore", CodeUnreadable, "cannot read ignore file, its rules are not applied: permission denied"},
			},
		},
		{
			name: "a link carries its target's identity",
			fsys: &memFS{
				files: map[string]string{"lib/util.py": "x = 1\n", "bin/run": "import os\n"},
				ids:   map[string]string{"lib/util.py": "blob-util", "bin/run": "blob-run"},
				links: map[string]string{"run.py": "bin/run", "zz.py": "lib/util.py", "ext.py": "OUT", "extdir": "OUT"},
			},
			wantFiles: []File{{Path: "lib/util.py", Size: 6, ID: "blob-util"}, {Path: "run.py", Size: 10, ID: "blob-run"}},
			wantSkips: []Skipped{
				{"ext.py", CodeSymlink, "points outside the scanned folder"},
				{"zz.py", CodeSymlink, "duplicate of lib/util.py"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var files []File
			var skips []Skipped
			err := Walk(t.Context(), tt.fsys, Options{Select: pyOnly}, func(f File) error {
				files = append(files, f)
				return nil
			}, func(s Skipped) { skips = append(skips, s) })
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantFiles, files, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantSkips, skips, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("skips (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWalkUnreadableRoot(t *testing.T) {
	fsys := &memFS{failDir: map[string]error{"": errors.New("permission denied")}}
	err := Walk(t.Context(), fsys, Options{}, func(File) error { return nil }, nil)
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("Walk error = %v, want a permission error", err)
	}
}
