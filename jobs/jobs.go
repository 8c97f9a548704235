// Package jobs holds the arguments of Slate's River jobs: one file per job
// kind (its args type, Kind and InsertOpts) and the queue names. It imports
// only River and the standard library, so the store can enqueue a job
// without linking what runs it (image decoding, face detection, S3); the
// workers live in jobs/workers.
package jobs

import "github.com/riverqueue/river"

// Queue names. Media checks have their own queue so a burst of uploads never
// delays mail or deadlines.
const (
	QueueDefault = river.QueueDefault
	QueueMedia   = "media"
)
