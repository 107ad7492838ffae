package report

import "testing"

func TestSparkline(t *testing.T) {
	tests := []struct {
		in   []int
		want string
	}{
		{nil, ""},
		{[]int{5, 5, 5}, "▁▁▁"},
		{[]int{0, 7}, "▁█"},
		{[]int{10, 11, 12, 13, 14, 15, 16, 17}, "▁▂▃▄▅▆▇█"},
		{[]int{100, 50, 100}, "█▁█"},
		{[]int{-1 << 62, 1 << 62}, "▁█"},
	}
	for _, tt := range tests {
		if got := Sparkline(tt.in); got != tt.want {
			t.Errorf("Sparkline(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
