package walk

import (
	"fmt"
	"strconv"
)

// formatSize renders a byte count for a reason: "5 MiB", "7.3 MiB", "812 bytes".
func formatSize(n int64) string {
	units := []struct {
		size int64
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}}
	for _, u := range units {
		if n >= u.size {
			v := float64(n) / float64(u.size)
			s := strconv.FormatFloat(v, 'f', 1, 64)
			if n%u.size == 0 {
				s = strconv.FormatInt(n/u.size, 10)
			}
			return s + " " + u.name
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
