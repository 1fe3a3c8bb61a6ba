package store

import (
	"context"
	"math"

	"stafett/internal/indicators"
)

// addCourseFigures adds to figs, for each of municipalities mids, the indicators of
// the course registry for period p: training coverage, as the course page counts it
// (now, whatever the period), and the årsverk of the courses the municipality
// organised, from their sessions dated in the period (thousandths, as
// indicators.Amount). A municipality's units have neither.
func addCourseFigures(ctx context.Context, tx *tx, figs map[string]indicators.Figures, mids []string, p indicatorPeriod) error {
	for _, mid := range mids {
		cov, err := trainingCoverage(ctx, tx, mid)
		if err != nil {
			return err
		}
		rep, err := reportOf(ctx, tx, &organiser{municipalityID: mid, municipalities: []string{mid}}, mid, "", string(p.from), string(p.to))
		if err != nil {
			return err
		}
		if figs[mid] == nil {
			figs[mid] = indicators.Figures{}
		}
		figs[mid][indicators.TrainingCoverageShare] = indicators.Figure{N: cov.Staff, Part: cov.Trained}
		figs[mid][indicators.CourseFTE] = indicators.Figure{N: int(math.Round(rep.FTE(rep.Total) * 1000)), Set: true}
	}
	return nil
}
