package app

import (
	"strconv"
)

// GuideLevelPath is the public page of level n of the guide of municipality number nr.
func GuideLevelPath(nr string, n int) string { return GuidePath(nr) + "/niva/" + strconv.Itoa(n) }

// GuidePath is the public page of the guide of municipality number nr.
func GuidePath(nr string) string { return "/k/" + nr + "/veileder" }
