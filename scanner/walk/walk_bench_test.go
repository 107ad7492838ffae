package walk

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWalk walks a generated tree of 5,000 Python files in 250 folders, with a
// .gitignore at the top and in every tenth folder.
func BenchmarkWalk(b *testing.B) {
	root := b.TempDir()
	if err := os.WriteFile(filepath.Join(root, ".gitignore"), []byte("*.log\nbuild/\n!keep.log\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	for d := 0; d < 250; d++ {
		dir := filepath.Join(root, fmt.Sprintf("pkg%02d", d/25), fmt.Sprintf("mod%03d", d))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if d%10 == 0 {
			if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("gen_*.py\n"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		for f := 0; f < 20; f++ {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("file%02d.py", f)), []byte("import torch\n"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	fsys, err := NewOSFS(root)
	if err != nil {
		b.Fatal(err)
	}
	defer fsys.(*OSFS).Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		err := Walk(context.Background(), fsys, Options{Select: pyOnly}, func(File) error {
			n++
			return nil
		}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if n != 5000 {
			b.Fatalf("visited %d files, want 5000", n)
		}
	}
}
