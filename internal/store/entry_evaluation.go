package store

import (
	"context"

	"stafett/internal/logbook"
)

// A measure's versions carry the time of its first evaluation, first_evaluation_at
// (migration 0026): the earliest evaluation of any version of it. The indicators
// read it to tell whether a measure was evaluated by its evaluation date without
// reading the measure's versions and their evaluations. It is kept here, in the
// transaction that writes the entry, and by Bulk.Entries.

// noteEvaluation keeps first_evaluation_at for entry e, just written: an evaluation
// moves its measure's first evaluation earlier (if it was later or none), and a new
// version of a measure takes the first evaluation of the measure's versions.
func noteEvaluation(ctx context.Context, tx *tx, e *logbook.Entry) error {
	switch {
	case e.Kind == logbook.KindEvaluation && e.MeasureID != "":
		_, err := tx.exec(ctx, `UPDATE entries SET first_evaluation_at = ?
			WHERE kind = 'measure' AND origin_id = (SELECT origin_id FROM entries WHERE id = ?)
			AND (first_evaluation_at IS NULL OR first_evaluation_at > ?)`, e.CreatedAt, e.MeasureID, e.CreatedAt)
		return err
	case e.Kind == logbook.KindMeasure && e.Amends != "":
		return firstEvaluationOf(ctx, tx, e.ID)
	}
	return nil
}

// firstEvaluationOf sets entry id's first_evaluation_at from the evaluations of
// every version of its measure.
func firstEvaluationOf(ctx context.Context, tx *tx, id string) error {
	_, err := tx.exec(ctx, `UPDATE entries SET first_evaluation_at = (SELECT MIN(ev.created_at)
			FROM entries mv JOIN entries ev ON ev.measure_id = mv.id
			WHERE mv.origin_id = entries.origin_id AND ev.kind = 'evaluation')
		WHERE id = ?`, id)
	return err
}
