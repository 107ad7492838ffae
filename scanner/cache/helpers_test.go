package cache

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/frameshift/frameshift/scanner"
)

func intp(v int) *int { return &v }

// pytorchFile is the cached analysis of a typical PyTorch training script.
func pytorchFile() *scanner.CachedFile {
	cf := &scanner.CachedFile{
		Report: &scanner.FileReport{Kind: "python", Lines: 212, Findings: 0, Frameworks: []string{"pytorch"}},
		Classes: []scanner.CachedClass{
			{Name: "Encoder", Bases: []string{"torch.nn.Module"}, Line: 14, Column: 1, Text: "class Encoder(nn.Module):"},
			{Name: "Head", Bases: []string{"Encoder", "torch.nn.Module"}, Line: 61, Column: 1, Text: "class Head(Encoder, nn.Module):"},
		},
	}
	symbols := []string{"torch", "torch.nn.Module", "torch.optim.Adam", "torch.utils.data.DataLoader", "torch.cuda.is_available", "torch.save"}
	for i := 0; i < 40; i++ {
		s := symbols[i%len(symbols)]
		cf.Findings = append(cf.Findings, scanner.Finding{
			Rule: "pytorch." + fmt.Sprint(i%5), Framework: "pytorch", Era: "pytorch2", Category: "model",
			Symbol: s, Kind: scanner.KindCall, Line: 10 + 3*i, Column: 5 + i%7,
			Fingerprint: fmt.Sprintf("%016x", 0x9e3779b97f4a7c15*uint64(i+1)),
		})
	}
	cf.Report.Findings = len(cf.Findings)
	return cf
}

// notebookFile has cells, a rename and an error count.
func notebookFile() *scanner.CachedFile {
	return &scanner.CachedFile{
		Report: &scanner.FileReport{Kind: "notebook", Lines: 30, Findings: 2, ErrorNodes: 1, Frameworks: []string{"tensorflow"}, StarImports: []string{"tensorflow.keras.layers"}},
		Findings: []scanner.Finding{
			{Rule: "tf1.session", Framework: "tensorflow", Era: "tf1", Category: "graph-mode", Symbol: "tensorflow.compat.v1.Session", Kind: scanner.KindCall, Line: 3, Column: 8, Cell: intp(2), Fingerprint: "aa"},
			{Rule: "tf1.placeholder", Framework: "tensorflow", Era: "tf1", Category: "graph-mode", Symbol: "tensorflow.placeholder", Kind: scanner.KindCall, Line: 1, Column: 5, Cell: intp(0), Replacement: "tf.keras.Input", Fingerprint: "bb"},
		},
		Classes: []scanner.CachedClass{{Name: "Net", Bases: []string{"tensorflow.keras.Model"}, Line: 1, Column: 1, Cell: intp(4), Text: "class Net(tf.keras.Model):  # ünïcode"}},
	}
}

func skippedFile() *scanner.CachedFile {
	return &scanner.CachedFile{Skip: &scanner.Skipped{Code: "timeout", Reason: "parsing took longer than the time limit"}}
}

func diffFiles(want, got *scanner.CachedFile) string {
	return cmp.Diff(want, got, cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(scanner.CachedFile{}))
}

func mustOpen(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	return s
}

const testKey = "3fa2c9e1d4b5a6978877665544332211aabbccddeeff00112233445566778899"
