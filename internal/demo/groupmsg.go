package demo

import (
	"context"
	"fmt"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// seedGroupMessage sends the closed Harbour Lights casting's included
// their practical details, as the producer's Notify would; the workers
// deliver it on the first `make run`, so the outbox and the performers'
// notification centres show it. The idempotency key makes a second seed
// send nothing.
func seedGroupMessage(ctx context.Context, st *store.Store, producerID int64) error {
	projects, err := st.Projects(ctx, producerID)
	if err != nil {
		return err
	}
	for _, p := range projects {
		if p.Title != HarbourLights {
			continue
		}
		listings, err := st.ProjectListings(ctx, producerID, p.ID)
		if err != nil {
			return err
		}
		for _, l := range listings {
			if l.Title != HarbourClosed || l.Status != production.Closed {
				continue
			}
			subject, _ := production.GroupTemplate(production.Included, l.Title)
			body := "Good news: you are selected for “" + l.Title + "”.\n\n" +
				"Date: the first Saturday of next month\nTime: 5:30, before the dawn ferry\nPlace: Cais da Ribeira, by the ferry ticket office\n" +
				"What to bring: a warm coat in dark colours, no logos; breakfast is on us.\n\nPlease confirm by replying in Slate's messages."
			_, err := st.SendGroupMessage(ctx, producerID, l.ID,
				production.GroupMessage{Group: production.Included, Subject: subject, Body: body}, "demo-harbour-included")
			if err != nil {
				return fmt.Errorf("demo: group message to %q: %w", l.Title, err)
			}
		}
	}
	return nil
}
