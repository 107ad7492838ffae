package catalog

import (
	"testing"
)

// benchSymbols builds a symbol mix like a scan's: most references resolve under a
// rule's symbol, some one or two attributes deeper (tf.compat.v1.Session.run), some
// are framework names no rule lists (their longest-prefix walk goes all the way
// up), and some are other libraries (numpy, os) that an import table resolves too.
func benchSymbols(c *Catalog) ([]string, []Kind) {
	var syms []string
	for _, r := range c.Rules() {
		for _, s := range r.Symbols {
			syms = append(syms, s, s+".run", s+".__call__.apply")
		}
		for _, rn := range r.Renames {
			syms = append(syms, rn.Symbol)
		}
	}
	unlisted := []string{"torch.some_helper_nobody_lists", "jax.numpy.zeros_like", "tensorflow.io.gfile.GFile",
		"keras.src.utils.io_utils", "flax.struct.dataclass", "torch.Tensor.view"}
	others := []string{"numpy.array", "numpy.random.default_rng", "os.path.join", "collections.OrderedDict",
		"functools.partial", "logging.getLogger", "pathlib.Path", "dataclasses.field", "typing.Optional"}
	for i := 0; i < len(syms)/4; i++ {
		syms = append(syms, unlisted[i%len(unlisted)])
	}
	for i := 0; i < len(syms)/5; i++ {
		syms = append(syms, others[i%len(others)])
	}
	allKinds := []Kind{KindCall, KindAttribute, KindCall, KindImport, KindBase, KindDecorator, KindCall}
	kinds := make([]Kind, len(syms))
	for i := range kinds {
		kinds[i] = allKinds[i%len(allKinds)]
	}
	return syms, kinds
}

// BenchmarkMatch measures the catalog's longest-prefix match; ns/op is per symbol.
func BenchmarkMatch(b *testing.B) {
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	syms, kinds := benchSymbols(c)
	uses := func(fw string) bool { return fw == "pytorch" || fw == "tensorflow" }
	matched := 0
	for i, s := range syms {
		if r, _ := c.Match(s, kinds[i], uses); r != nil {
			matched++
		}
	}
	if matched == 0 || matched == len(syms) {
		b.Fatalf("%d of %d symbols match: the mix is not realistic", matched, len(syms))
	}
	b.ReportMetric(float64(matched)/float64(len(syms)), "matched/symbol")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % len(syms)
		c.Match(syms[j], kinds[j], uses)
	}
}

// BenchmarkMatchMethod measures the method-name lookup done for every method call
// on an unresolved receiver.
func BenchmarkMatchMethod(b *testing.B) {
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	names := append(c.Methods(), "append", "items", "format", "get", "update", "join", "strip")
	uses := func(fw string) bool { return fw == "pytorch" }
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c.MatchMethod(names[i%len(names)], uses)
	}
}

// BenchmarkDefault measures the one-time load of the embedded catalog that every
// run pays: YAML decoding, validation and indexing.
func BenchmarkDefault(b *testing.B) {
	files, err := embeddedFiles()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c, err := build(files, nil)
		if err != nil {
			b.Fatal(err)
		}
		if c.Digest() == "" || len(c.Rules()) == 0 {
			b.Fatal("empty catalog")
		}
	}
}
