package spreadsheet

import "testing"

func TestGuardFormulas(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"+1", "'+1"},
		{"-rf.py", "'-rf.py"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"src/train.py", "src/train.py"},
		{"a=b", "a=b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := GuardFormulas([]string{tt.in})[0]; got != tt.want {
			t.Errorf("GuardFormulas(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
