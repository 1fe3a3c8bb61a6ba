package bench

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// resetPeakRSS resets the kernel's record of the process's peak resident memory
// (VmHWM) to what it holds now, so that the peak read later is the load's, not the
// data generation's. Linux only; elsewhere the peak is the whole run's.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMiB returns the process's peak resident memory in MiB (VmHWM from
// /proc/self/status), or 0 where that is not available.
func peakRSSMiB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				return 0
			}
			return float64(kb) / 1024
		}
	}
	return 0
}
