package audit

// Administrative actions on indicators: importing outcome figures (target the
// municipality, or the network when its coordinator imports, one record for each
// member whose figures the import holds; the detail counts the rows) and publishing
// a municipality's indicators, or withdrawing them.
const (
	ImportOutcomes      Action = "indicators.outcomes"
	PublishIndicators   Action = "indicators.publish"
	UnpublishIndicators Action = "indicators.unpublish"
)
