//go:build bench

package faults

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/internal/testsmtp"
	"github.com/slatecasting/slate/jobs/workers"
)

// TestGroupMessageBench (`make bench`) prints the time a 10,000-recipient
// group message takes end to end on one worker process: from the send's
// commit to the last e-mail accepted by a loopback SMTP sink and recorded
// sent, every in-app notification written on the way. SLATE_BENCH_GROUP (recipients),
// SLATE_BENCH_WORKERS (River workers) and SLATE_BENCH_SMTP_CONNS change
// the run.
func TestGroupMessageBench(t *testing.T) {
	ctx := context.Background()
	n, conc, conns := envInt("SLATE_BENCH_GROUP", 10000), envInt("SLATE_BENCH_WORKERS", 100), envInt("SLATE_BENCH_SMTP_CONNS", 4)
	pool := testdb.New(t)
	sink := testsmtp.Start(t, testsmtp.Options{})
	sender, err := mail.NewSMTP(mail.SMTPConfig{Host: sink.Host, Port: sink.Port, TLS: mail.TLSNone,
		From: "Slate <mail@slate.test>", Timeout: 5 * time.Second, Connections: conns})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sender.Close() }()
	tpl, err := mail.LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	bundle := river.NewWorkers()
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Workers: bundle})
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(pool, inserter)
	workers.Register(bundle, workers.Deps{Store: st, Mail: &workers.Mail{Sender: sender, Templates: tpl,
		BaseURL: "http://127.0.0.1:3000", Secret: "bench", Domain: "slate.test"}})

	producer, listing := closedGroup(t, st, pool, n)
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Workers: bundle,
		Queues: workers.Queues(conc, 1), FetchCooldown: 20 * time.Millisecond, FetchPollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = client.Stop(context.Background()) }()

	began := time.Now()
	if _, err := st.SendGroupMessage(ctx, producer, listing, selected, "bench"); err != nil {
		t.Fatal(err)
	}
	// Until the last e-mail is accepted by the sink and recorded sent.
	for {
		var recorded int
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM email_deliveries WHERE state = 'sent'`).Scan(&recorded); err != nil {
			t.Fatal(err)
		}
		if recorded >= n && len(sink.Messages()) >= n {
			break
		}
		if time.Since(began) > 5*time.Minute {
			t.Fatalf("%d of %d mails (%d recorded) after 5 minutes", len(sink.Messages()), n, recorded)
		}
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(began)
	var notes int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE kind = 'group_message'`).Scan(&notes); err != nil || notes != n {
		t.Fatalf("%d notifications (%v), want %d", notes, err, n)
	}
	t.Logf("group message: %d recipients delivered (in-app + e-mail to a loopback SMTP sink) in %v: %.0f a second "+
		"(%d River workers, %d SMTP connections; target ≤ 10 s for 10,000)", n, took.Round(time.Millisecond),
		float64(n)/took.Seconds(), conc, conns)
}

func envInt(k string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(k)); err == nil && v > 0 {
		return v
	}
	return def
}
