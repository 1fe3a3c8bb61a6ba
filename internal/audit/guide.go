package audit

// Actions on action guides and networks. They carry the municipality and no log.
const (
	SaveGuideDraft    Action = "guide.draft"
	DiscardGuideDraft Action = "guide.discard"
	PublishGuide      Action = "guide.publish"
	ForkGuide         Action = "guide.fork"
	UploadGuideFile   Action = "guide.file"
	CreateNetwork     Action = "network.create"
	UpdateNetwork     Action = "network.update"
)
