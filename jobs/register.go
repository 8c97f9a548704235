// Package jobs holds Slate's background work: one file per River job kind
// (its args and its worker) and Register, which wires them into a client.
package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/internal/objstore"
)

// Queue names. Media checks have their own queue so a burst of uploads never
// delays mail or deadlines.
const (
	QueueDefault = river.QueueDefault
	QueueMedia   = "media"
)

// Notifier is what the notification-writing workers need from the store.
type Notifier interface {
	AccountByID(ctx context.Context, id int64) (domain.Account, error)
	AddNotification(ctx context.Context, n domain.Notification) error
}

// Sweeper deletes what has expired.
type Sweeper interface {
	DeleteExpiredSessions(ctx context.Context) (int64, error)
	DeleteStaleThrottles(ctx context.Context) (int64, error)
}

// Deps are everything the workers need, as narrow interfaces.
type Deps struct {
	Store interface {
		Notifier
		Sweeper
		PhotoStore
	}
	Objects     objstore.Store
	PhotoLimits photocheck.Limits
}

// Register adds every worker to a River worker bundle.
func Register(workers *river.Workers, d Deps) {
	river.AddWorker(workers, &WelcomeWorker{Store: d.Store})
	river.AddWorker(workers, &SweepWorker{Store: d.Store})
	river.AddWorker(workers, &CheckPhotoWorker{Photos: d.Store, Objects: d.Objects, Limits: d.PhotoLimits})
	river.AddWorker(workers, &PurgePhotoWorker{Objects: d.Objects})
	river.AddWorker(workers, &PurgeReelWorker{Objects: d.Objects})
}

// Periodic returns the periodic jobs; River's elected leader runs them, so
// any number of worker processes can share one database.
func Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
}

// Queues is the queue configuration of a worker process.
func Queues(defaultWorkers, mediaWorkers int) map[string]river.QueueConfig {
	return map[string]river.QueueConfig{
		QueueDefault: {MaxWorkers: defaultWorkers},
		QueueMedia:   {MaxWorkers: mediaWorkers},
	}
}
