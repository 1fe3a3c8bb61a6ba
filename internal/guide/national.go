package guide

import (
	_ "embed"
	"encoding/json"
	"sync"
)

// nationalJSON is the national template that ships with Stafett, written in bokmål
// from the public BTI structure: undring and a decision within a deadline at level 0,
// the own service with a stafettholder at level 1, one or two more services at level
// 2, and comprehensive collaboration with the step up to an individual plan at level 3.
//
//go:embed national.json
var nationalJSON []byte

var national = sync.OnceValues(func() (Guide, error) {
	var g Guide
	if err := json.Unmarshal(nationalJSON, &g); err != nil {
		return Guide{}, err
	}
	g.Normalize()
	return g, g.Validate()
})

// National returns a copy of the national template. Every new municipality starts
// with it published as version 1, and any municipality may fork it again.
func National() Guide {
	g, err := national()
	if err != nil {
		// The template is embedded and tested; a broken one is a defect of the build.
		panic("guide: national template: " + err.Error())
	}
	return g.Clone()
}
