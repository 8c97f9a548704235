package workers_test

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

// TestSignupJobRunsOnRealWorkers runs the queue the way `slate serve` does
// with no SMTP server configured: both jobs inserted with the account (the
// welcome notification and the confirmation mail, to the outbox) are
// picked up and worked, whichever finishes first.
func TestSignupJobRunsOnRealWorkers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	tpl, err := mail.LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	bundle := river.NewWorkers()
	workers.Register(bundle, workers.Deps{Store: st, Mail: &workers.Mail{
		Sender: &mail.Outbox{From: "Slate <mail@slate.test>", Store: st}, Templates: tpl,
		BaseURL: "https://slate.test", Secret: "s3cret", Domain: "slate.test"}})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues: workers.Queues(2, 1), Workers: bundle, FetchPollInterval: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	defer cancel()
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Stop(context.Background()) })

	acct, err := st.CreateAccount(ctx, "Ines Okafor", "ines@example.com", domain.RoleProducer, "h")
	if err != nil {
		t.Fatal(err)
	}
	pending := map[string]bool{(jobs.WelcomeArgs{}).Kind(): true, (jobs.SendAccountMailArgs{}).Kind(): true}
	deadline := time.After(30 * time.Second)
	for len(pending) > 0 {
		select {
		case ev := <-events:
			if ev.Kind == river.EventKindJobFailed {
				t.Fatalf("job %s failed: %+v", ev.Job.Kind, ev.Job.Errors)
			}
			delete(pending, ev.Job.Kind)
		case <-deadline:
			t.Fatalf("jobs never completed: %v", pending)
		}
	}
	list, err := st.Notifications(ctx, acct.ID, 10)
	if err != nil || len(list) != 1 || list[0].Link != "/producer" {
		t.Fatalf("notifications = %+v, %v", list, err)
	}
	out, err := st.Outbox(ctx, 10)
	if err != nil || len(out) != 1 || out[0].To != "ines@example.com" {
		t.Fatalf("outbox = %+v, %v", out, err)
	}
}

// everyArgs lists every args type of package jobs. A new args type must be
// added here (TestEveryArgsTypeIsListed fails otherwise), and then
// TestRegisterCoversEveryArgsType fails until Register gives it a worker.
var everyArgs = []river.JobArgs{
	jobs.CheckPhotoArgs{},
	jobs.DeliverNotificationArgs{},
	jobs.DigestArgs{},
	jobs.DigestSweepArgs{},
	jobs.CloseCastingsArgs{},
	jobs.PurgePhotoArgs{},
	jobs.PurgeReelArgs{},
	jobs.SweepArgs{},
	jobs.SweepOrphansArgs{},
	jobs.TellNotSelectedArgs{},
	jobs.ValidationOverdueArgs{}, // slice validation
	jobs.HideUnansweredArgs{},    // slice listing review
	jobs.ValidationReminderArgs{},
	jobs.WelcomeArgs{},
	jobs.SendAccountMailArgs{},
	jobs.ExpandGroupMessageArgs{}, // slice group message
	jobs.DeliverGroupMessageArgs{},
	jobs.SuspensionMailArgs{}, // slice polish
}

// TestEveryArgsTypeIsListed reads package jobs' source for the types with
// a Kind method, so everyArgs cannot fall behind it.
func TestEveryArgsTypeIsListed(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Name.Name != "Kind" || fn.Recv == nil || len(fn.Recv.List) != 1 {
				continue
			}
			if id, ok := fn.Recv.List[0].Type.(*ast.Ident); ok {
				declared = append(declared, id.Name)
			}
		}
	}
	var listed []string
	for _, a := range everyArgs {
		listed = append(listed, reflect.TypeOf(a).Name())
	}
	slices.Sort(declared)
	slices.Sort(listed)
	if len(declared) == 0 || !slices.Equal(declared, listed) {
		t.Fatalf("package jobs declares args %v; everyArgs lists %v", declared, listed)
	}
}

// unregisteredArgs is a job kind nobody wrote a worker for.
type unregisteredArgs struct{}

func (unregisteredArgs) Kind() string { return "nobody_works_this" }

// TestRegisterCoversEveryArgsType inserts each args type through an
// insert-only client holding Register's bundle, as production does: River
// refuses a kind the bundle has no worker for.
func TestRegisterCoversEveryArgsType(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	bundle := river.NewWorkers()
	workers.Register(bundle, workers.Deps{})
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Workers: bundle})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	for _, args := range everyArgs {
		if _, err := inserter.InsertTx(ctx, tx, args, nil); err != nil {
			t.Errorf("insert %s: %v", args.Kind(), err)
		}
	}
	var unknown *river.UnknownJobKindError
	if _, err := inserter.InsertTx(ctx, tx, unregisteredArgs{}, nil); !errors.As(err, &unknown) {
		t.Errorf("insert of a kind without a worker = %v, want UnknownJobKindError", err)
	}
}
