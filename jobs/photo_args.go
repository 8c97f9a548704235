package jobs

import (
	"time"

	"github.com/riverqueue/river"
)

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

// PurgePhotoArgs deletes a deleted photo's stored objects. It runs after
// the row is gone, inside the same transaction that deleted it.
type PurgePhotoArgs struct {
	PhotoID int64 `json:"photo_id"`
}

// Kind is the River job kind.
func (PurgePhotoArgs) Kind() string { return "purge_photo" }

// InsertOpts makes the purge unique per photo.
func (PurgePhotoArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// PurgeReelArgs deletes an uploaded reel's stored file.
type PurgeReelArgs struct {
	ReelID int64 `json:"reel_id"`
}

// Kind is the River job kind.
func (PurgeReelArgs) Kind() string { return "purge_reel" }

// InsertOpts makes the purge unique per reel.
func (PurgeReelArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// photoCheckTimeout bounds one photo check: a 50-megapixel picture takes
// a few seconds; anything slower is stuck.
const photoCheckTimeout = 2 * time.Minute
