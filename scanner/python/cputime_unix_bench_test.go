//go:build unix

package python

import (
	"syscall"
	"time"
)

// processCPU is the user and system time of the whole process: unlike wall time,
// other load on a shared machine barely changes it, so it compares builds fairly.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
