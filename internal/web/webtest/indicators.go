package webtest

import (
	"stafett/internal/store/storetest"
)

// IndicatorValue is one indicator in an answer: {"value","numerator"?,"denominator"?,"suppressed"}.
type IndicatorValue struct {
	Value       *float64 `json:"value"`
	Numerator   *int     `json:"numerator"`
	Denominator *int     `json:"denominator"`
	Suppressed  bool     `json:"suppressed"`
}

// IndicatorUnit is a unit shown apart in a municipality's indicators.
type IndicatorUnit struct {
	ID         string                    `json:"id"`
	Name       string                    `json:"name"`
	Indicators map[string]IndicatorValue `json:"indicators"`
}

// MunicipalityIndicators is GET /api/v1/municipalities/{mid}/indicators.
type MunicipalityIndicators struct {
	Municipality Ref                       `json:"municipality"`
	From         string                    `json:"from"`
	To           string                    `json:"to"`
	AsOf         string                    `json:"as_of"`
	Indicators   map[string]IndicatorValue `json:"indicators"`
	Units        []IndicatorUnit           `json:"units"`
}

// NetworkMember is one member in a network's indicators.
type NetworkMember struct {
	ID         string                    `json:"id"`
	Name       string                    `json:"name"`
	Own        bool                      `json:"own"`
	Indicators map[string]IndicatorValue `json:"indicators"`
}

// NetworkIndicators is GET /api/v1/networks/{nid}/indicators.
type NetworkIndicators struct {
	Network        Ref                       `json:"network"`
	From           string                    `json:"from"`
	To             string                    `json:"to"`
	Municipalities []NetworkMember           `json:"municipalities"`
	Total          map[string]IndicatorValue `json:"total"`
}

// IndicatorWorld loads storetest's world of known indicator counts into the
// harness's database, every administrator in it with the harness's second factor
// and every user with Password.
func (h *Harness) IndicatorWorld() *storetest.IndicatorWorld {
	h.T.Helper()
	hash, err := Hasher.Hash(Password)
	if err != nil {
		h.T.Fatal(err)
	}
	h.SetClock(storetest.IndicatorNow)
	w := storetest.BuildIndicatorWorld(h.T, h.DB, hash)
	for _, u := range []string{w.AdminAlpha.ID, w.AdminBeta.ID, w.AdminGamma.ID, w.AdminOutside.ID} {
		h.EnrolTOTP(u)
	}
	return w
}
