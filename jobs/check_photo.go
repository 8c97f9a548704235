package jobs

import "github.com/riverqueue/river"

// CheckPhotoArgs checks one photo: orient, strip metadata, make variants,
// run the checks. Seq is the photo's check_seq when the check was asked
// for: a result for an older Seq is dropped, so a photo made headshot
// after upload is judged by the headshot rules, never by a late book check.
type CheckPhotoArgs struct {
	PhotoID int64 `json:"photo_id"`
	Seq     int   `json:"seq"`
}

// Kind is the River job kind.
func (CheckPhotoArgs) Kind() string { return "check_photo" }

// InsertOpts puts the check on the media queue, once per photo and Seq.
func (CheckPhotoArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueMedia, MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
