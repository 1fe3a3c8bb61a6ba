package config

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestServerGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

	if ServerGC(env(map[string]string{"GOGC": "100"})) || ServerGC(env(map[string]string{"GOMEMLIMIT": "1GiB"})) {
		t.Error("changed the collector although the environment sets it")
	}
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Errorf("GOGC = %d after an environment that sets it, want 100 as before", got)
	}
	debug.SetGCPercent(100)
	if !ServerGC(env(nil)) {
		t.Fatal("left the collector as it was without GOGC or GOMEMLIMIT")
	}
	if got := debug.SetGCPercent(100); got != ServerGCPercent {
		t.Errorf("GOGC = %d, want %d", got, ServerGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != ServerMemoryLimit {
		t.Errorf("memory limit = %d, want %d", got, ServerMemoryLimit)
	}
}
