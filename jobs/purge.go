package jobs

import "github.com/riverqueue/river"

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
