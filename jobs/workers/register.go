// Package workers runs Slate's background work: one file per River job kind
// (the worker for the args of the same name in package jobs) and Register,
// which wires them into a worker bundle. Only processes that work or insert
// jobs through River import it; the store enqueues through package jobs
// alone.
package workers

import (
	"time"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/jobs"
)

// Deps are everything the workers need, as narrow interfaces. An
// insert-only client's bundle never runs a worker, so it may be built
// from zero Deps.
type Deps struct {
	Store interface {
		Notifier
		Sweeper
		PhotoStore
		ObjectOwners
		MailStore
		Closer
		AccountMailStore
		Deadliner // slice validation
		GroupMessenger
		Hider               // slice listing review
		SuspensionMailStore // slice polish
	}
	Objects     objstore.Store
	PhotoLimits photocheck.Limits
	// Mail composes and sends e-mail.
	Mail *Mail
	// AppealEmail is where a suspended account's owner writes to appeal
	// (config's AppealEmail), named in the suspension mail.
	AppealEmail string
}

// Register adds every worker to a River worker bundle.
func Register(workers *river.Workers, d Deps) {
	river.AddWorker(workers, &WelcomeWorker{Store: d.Store})
	river.AddWorker(workers, &SweepWorker{Store: d.Store})
	budget := photocheck.NewBudget(d.PhotoLimits.PhotoMemory())
	river.AddWorker(workers, &CheckPhotoWorker{Photos: d.Store, Objects: d.Objects, Limits: d.PhotoLimits, Budget: budget})
	river.AddWorker(workers, &PurgePhotoWorker{Objects: d.Objects})
	river.AddWorker(workers, &PurgeReelWorker{Objects: d.Objects})
	river.AddWorker(workers, &SweepOrphansWorker{Store: d.Store, Objects: d.Objects})
	river.AddWorker(workers, &DeliverNotificationWorker{Store: d.Store, Mail: d.Mail})
	river.AddWorker(workers, &DigestSweepWorker{Store: d.Store, Mail: d.Mail})
	river.AddWorker(workers, &DigestWorker{Store: d.Store, Mail: d.Mail})
	river.AddWorker(workers, &CloseCastingsWorker{Store: d.Store})
	river.AddWorker(workers, &TellNotSelectedWorker{Store: d.Store})
	var m Mail // none in tests that send no mail
	if d.Mail != nil {
		m = *d.Mail
	}
	river.AddWorker(workers, &AccountMailWorker{Store: d.Store, Sender: m.Sender, Templates: m.Templates, BaseURL: m.BaseURL})
	river.AddWorker(workers, &ValidationReminderWorker{Store: d.Store}) // slice validation
	river.AddWorker(workers, &ValidationOverdueWorker{Store: d.Store})
	river.AddWorker(workers, &ExpandGroupMessageWorker{Store: d.Store})
	river.AddWorker(workers, &DeliverGroupMessageWorker{Store: d.Store})
	river.AddWorker(workers, &HideUnansweredWorker{Store: d.Store})                                                                  // slice listing review
	river.AddWorker(workers, &SuspensionMailWorker{Store: d.Store, Sender: m.Sender, Templates: m.Templates, Appeal: d.AppealEmail}) // slice polish
}

// Periodic returns the periodic jobs; River's elected leader runs them, so
// any number of worker processes can share one database.
func Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return jobs.SweepArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
		// On start too, so processes redeployed more often than hourly
		// still sweep; the args' uniqueness keeps it to one an hour.
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return jobs.SweepOrphansArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
		// Hourly, so each account's digest goes within the hour after
		// 8:00 in its own time zone however often processes restart;
		// each account's digest is unique per local day.
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return jobs.DigestSweepArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
		// Castings close within five minutes of their deadline, and on
		// start, so a laptop's first `make run` closes the demo's overdue
		// casting at once.
		river.NewPeriodicJob(river.PeriodicInterval(5*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return jobs.CloseCastingsArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
}

// Queues is the queue configuration of a worker process.
func Queues(defaultWorkers, mediaWorkers int) map[string]river.QueueConfig {
	return map[string]river.QueueConfig{
		jobs.QueueDefault: {MaxWorkers: defaultWorkers},
		jobs.QueueMedia:   {MaxWorkers: mediaWorkers},
	}
}
