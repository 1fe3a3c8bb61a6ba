package audit

// Reading indicators is recorded like an administrative read: they are counted from
// log data, though no log is named. The target is the municipality or the network.
const (
	ReadMunicipalityIndicators Action = "indicators.municipality"
	ReadNetworkIndicators      Action = "indicators.network"
)
