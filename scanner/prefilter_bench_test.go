package scanner

import (
	"bytes"
	"os"
	"testing"

	"github.com/frameshift/frameshift/scanner/catalog"
)

// plainPython is ordinary code that names no framework: what the prefilter must
// reject, byte by byte, in a large non-ML monorepo.
const plainPython = `import os
import json
import logging
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

logger = logging.getLogger(__name__)


@dataclass
class TaskConfig:
    """Settings for one batch task, read from the environment or a JSON file."""

    name: str = "default"
    retries: int = 3
    timeout_seconds: float = 30.0
    tags: List[str] = field(default_factory=list)

    def to_dict(self) -> Dict[str, Any]:
        return {"name": self.name, "retries": self.retries, "tags": list(self.tags)}


def load_config(path: str, overrides: Optional[Dict[str, Any]] = None) -> TaskConfig:
    """Read a task configuration, then apply overrides from the command line."""
    with open(path, "r", encoding="utf-8") as fh:
        raw = json.load(fh)
    raw.update(overrides or {})
    for key in list(raw):
        if key.startswith("_"):
            logger.debug("ignoring private key %s in %s", key, path)
            raw.pop(key)
    return TaskConfig(**raw)


def retry_total(config: TaskConfig, attempts: List[int]) -> int:
    total = 0
    for attempt in attempts:
        if attempt > config.retries:
            break
        total += attempt * 2 if attempt % 2 else attempt
    return total
`

// BenchmarkPrefilter measures the byte prefilter on a 16 KB plain file, which it
// must read to the end, and on a real training file, where it stops at the
// import.
func BenchmarkPrefilter(b *testing.B) {
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	p := newPrefilter(cat.Roots(), settingNames()...)
	plain := bytes.Repeat([]byte(plainPython), 16<<10/len(plainPython)+1)
	ml, err := os.ReadFile("../fixtures/pytorch/tinyseg/train.py")
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		src  []byte
		want bool
	}{{"plain-16KB", plain, false}, {"pytorch-train", ml, true}}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if got := p.mayMatch(c.src); got != c.want {
				b.Fatalf("mayMatch = %v, want %v", got, c.want)
			}
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				p.mayMatch(c.src)
			}
		})
	}
}
