package audit

// ListUnitLog records that a log was listed, with its child and holder, in the
// leaders' unit view (issue 21 point 7): one record per log shown.
const ListUnitLog Action = "log.list"
