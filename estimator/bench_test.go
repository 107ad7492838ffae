package estimator

import (
	"fmt"
	"testing"
)

// BenchmarkEstimate prices a large mixed codebase: 100,000 findings in 2,000
// files. The estimator runs on every scan, so it must stay linear in findings.
func BenchmarkEstimate(b *testing.B) {
	rules := testRuleIDs(b)
	inv := newInv(b)
	for i := 0; i < 100000; i++ {
		inv.add(fmt.Sprintf("pkg%d/module_%d.py", i%20, i%2000), rules[i%len(rules)], 1)
	}
	built := inv.build()
	cat := testCatalog(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Estimate(built, Options{Catalog: cat, Target: "jax"}); err != nil {
			b.Fatal(err)
		}
	}
}
